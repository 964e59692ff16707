@echo off
rem Runs the microgpt command line on Windows, like the microgpt script beside it. Builds the app
rem jar with the Maven wrapper when it is missing. Unlike the script it does not notice changed
rem sources: after editing them, run "mvnw.cmd package -pl app -am -DskipTests" again.
setlocal
set "ROOT=%~dp0"
set "JAR=%ROOT%app\target\microgpt.jar"

if exist "%JAR%" goto run
>&2 echo microgpt: building the app jar (first run)...
pushd "%ROOT%"
call "%ROOT%mvnw.cmd" -B -q -DskipTests "-Dmaven.test.skip=true" package -pl app -am 1>&2
set "BUILT=%ERRORLEVEL%"
popd
if not "%BUILT%"=="0" exit /b %BUILT%

:run
rem The shared data set sits beside the repository in this project's workspace; use it when the
rem user has not said otherwise (see "The data set" in README.md for the full search order).
if not defined MICROGPT_DATA if exist "%ROOT%..\shared\data\names.txt" set "MICROGPT_DATA=%ROOT%..\shared\data\names.txt"

rem Libm loads a JNI library, and JDK 24+ warns about that unless native access is enabled.
rem Every JDK that can run the jar (17+) accepts the flag.
java --enable-native-access=ALL-UNNAMED %MICROGPT_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
