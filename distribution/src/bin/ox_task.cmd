@echo off
rem ox_task: starts ox-task from this installation with Java 17 or newer (Windows).
rem
rem Environment:
rem   JAVA_HOME     the Java installation to use; without it, the java.exe found on PATH
rem   JAVA_OPTS     options for the JVM, e.g. -Xmx256m
rem   OX_TASK_OPTS  more JVM options, applied after JAVA_OPTS (later options win)
rem
rem No parenthesised blocks around expanded paths: a folder such as "C:\Program Files (x86)" would end them.

setlocal EnableExtensions DisableDelayedExpansion

rem Where this installation is: the folder above bin\.
for %%i in ("%~dp0..") do set "OX_TASK_HOME=%%~fi"

if not defined JAVA_HOME goto javaFromPath
set "JAVA_EXE=%JAVA_HOME:"=%\bin\java.exe"
if exist "%JAVA_EXE%" goto checkVersion
echo ox_task: JAVA_HOME is '%JAVA_HOME%' but '%JAVA_EXE%' does not exist; set JAVA_HOME to a Java 17 or newer installation, or unset it to use the java on PATH 1>&2
exit /b 1

:javaFromPath
set "JAVA_EXE=java.exe"
where /q java.exe
if not errorlevel 1 goto checkVersion
echo ox_task: no Java found: install Java 17 or newer and put its java on PATH, or set JAVA_HOME to its folder 1>&2
exit /b 1

:checkVersion
rem java -version's first line reads: <vendor> version "17.0.15" <date>.
set "JAVA_VERSION="
for /f "tokens=2,3" %%a in ('call "%JAVA_EXE%" -version 2^>^&1') do if "%%a"=="version" if not defined JAVA_VERSION set "JAVA_VERSION=%%~b"
if not defined JAVA_VERSION goto unknownVersion
rem 17.0.15 -> 17, 21 -> 21, 25-ea -> 25; before Java 9 the scheme was 1.8.0_292 -> 8.
set "JAVA_FEATURE="
set "JAVA_MINOR="
for /f "tokens=1,2 delims=._-+" %%a in ("%JAVA_VERSION%") do (set "JAVA_FEATURE=%%a" & set "JAVA_MINOR=%%b")
if "%JAVA_FEATURE%"=="1" set "JAVA_FEATURE=%JAVA_MINOR%"
set /a JAVA_FEATURE_NUMBER=JAVA_FEATURE 2>nul
if "%JAVA_FEATURE_NUMBER%"=="0" goto unknownVersion
if %JAVA_FEATURE_NUMBER% GEQ 17 goto run
echo ox_task: Java 17 or newer is needed, but '%JAVA_EXE%' is Java %JAVA_VERSION%; set JAVA_HOME to a Java 17 or newer installation 1>&2
exit /b 1

:unknownVersion
echo ox_task: cannot tell which Java version '%JAVA_EXE%' is (it printed no version); set JAVA_HOME to a Java 17 or newer installation 1>&2
exit /b 1

:run
rem Job commands can call ox_task without knowing where it lives.
set "PATH=%OX_TASK_HOME%\bin;%PATH%"
rem ox_task lives seconds, mostly waiting for its jobs: the quick compiler, the class-data archive
rem and a small collector start it faster. Later options win, so JAVA_OPTS/OX_TASK_OPTS override.
set "OX_TASK_GC=-XX:+UseSerialGC"
rem The user chose a collector: naming a second one would stop the JVM.
echo %JAVA_OPTS% %OX_TASK_OPTS% | findstr /r /c:"-XX:+Use[A-Za-z]*GC" >nul && set "OX_TASK_GC="
"%JAVA_EXE%" %OX_TASK_GC% -XX:TieredStopAtLevel=1 -Xshare:auto -XX:-UsePerfData -Dslf4j.provider=dev.oxtask.cli.LogProvider -Dslf4j.internal.verbosity=WARN %JAVA_OPTS% %OX_TASK_OPTS% "-Dox_task.home=%OX_TASK_HOME%" "-Dlogback.configurationFile=%OX_TASK_HOME%\conf\logback.xml" -cp "%OX_TASK_HOME%\lib\*" dev.oxtask.cli.Main %*
exit /b %ERRORLEVEL%
