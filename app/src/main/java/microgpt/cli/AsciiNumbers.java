package microgpt.cli;

import microgpt.queries.Params;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/**
 * Numbers on the command line are read as the API reads them ({@link Params}): ASCII digits, a
 * sign, a point and an exponent. picocli's own converters use Integer.parseInt, which takes
 * {@code ٣} (an Arabic-Indic three) as 3, and Double.valueOf, which takes {@code NaN},
 * {@code 0x1p3} and {@code 1d}.
 */
final class AsciiNumbers {

    private AsciiNumbers() {}

    static void registerWith(CommandLine cli) {
        cli.registerConverter(Integer.class, AsciiNumbers::integer);
        cli.registerConverter(int.class, AsciiNumbers::integer);
        cli.registerConverter(Long.class, AsciiNumbers::whole);
        cli.registerConverter(long.class, AsciiNumbers::whole);
        cli.registerConverter(Double.class, AsciiNumbers::decimal);
        cli.registerConverter(double.class, AsciiNumbers::decimal);
    }

    static Integer integer(String text) {
        long value = whole(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) throw new TypeConversionException("'" + text + "' is too large");
        return (int) value;
    }

    static Long whole(String text) {
        if (!Params.isWholeNumber(text)) throw new TypeConversionException("'" + text + "' is not a whole number in ASCII digits");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is too large");
        }
    }

    static Double decimal(String text) {
        if (!Params.isDecimal(text)) {
            throw new TypeConversionException("'" + text + "' is not a number in ASCII digits (such as 0.5 or 1e-3)");
        }
        return Double.parseDouble(text);
    }
}
