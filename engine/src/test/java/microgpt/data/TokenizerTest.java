package microgpt.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void idsFollowSortedCharactersAndBosComesLast() {
        Tokenizer tokenizer = new Tokenizer(List.of("emma", "ava", "zoe"));
        assertEquals("aemovz", tokenizer.vocabulary());
        assertEquals(6, tokenizer.bos);
        assertEquals(7, tokenizer.vocabSize);
        assertArrayEquals(new int[] {6, 0, 4, 0, 6}, tokenizer.encode("ava"));
        assertEquals("BOS", tokenizer.decode(6));
        assertEquals("zoe", tokenizer.decode(List.of(5, 3, 1, 6)));
    }

    @Test
    void theNamesHaveTwentySixLetters() {
        Tokenizer tokenizer = new Tokenizer(microgpt.train.Runs.docs());
        assertEquals("abcdefghijklmnopqrstuvwxyz", tokenizer.vocabulary());
        assertEquals(26, tokenizer.bos);
        assertEquals(27, tokenizer.vocabSize);
    }
}
