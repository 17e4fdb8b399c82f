package dev.payrail.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The JVM flags of the container image: {@code src/main/docker/Dockerfile.jvm} and the Jib profile of
 * {@code pom.xml} set the same {@code JDK_JAVA_OPTIONS}, and the JDK accepts every {@code -XX} flag in
 * it (an unknown one would stop the pod at start, not the build).
 */
class JvmImageFlagsTest {

    private static String dockerfileOptions() throws IOException {
        Matcher m = Pattern.compile("(?m)^ENV JDK_JAVA_OPTIONS=\"([^\"]*)\"$")
                .matcher(Files.readString(Path.of("src/main/docker/Dockerfile.jvm")));
        assertTrue(m.find(), "Dockerfile.jvm sets JDK_JAVA_OPTIONS");
        return m.group(1);
    }

    private static String jibOptions() throws IOException {
        Matcher m = Pattern.compile("<JDK_JAVA_OPTIONS>([^<]*)</JDK_JAVA_OPTIONS>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), "the Jib profile sets JDK_JAVA_OPTIONS");
        return m.group(1);
    }

    @Test
    void bothImagesRunTheJvmWithTheSameFlags() throws IOException {
        assertEquals(dockerfileOptions(), jibOptions());
    }

    private static String percentage(List<String> flags, String prefix) {
        return flags.stream().filter(f -> f.startsWith(prefix)).map(f -> f.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError(prefix + " in " + flags));
    }

    @Test
    void theImageKeepsItsMemoryFlags() throws IOException {
        List<String> flags = Arrays.asList(dockerfileOptions().split(" +"));
        // The heap starts at its maximum: the serial collector's young generation is a third of the heap it has.
        for (String flag : List.of("-XX:MaxRAMPercentage=25", "-XX:InitialRAMPercentage=25", "-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=1000",
                "-XX:+ExitOnOutOfMemoryError")) {
            assertTrue(flags.contains(flag), flag + " in " + flags);
        }
        assertEquals(percentage(flags, "-XX:MaxRAMPercentage="), percentage(flags, "-XX:InitialRAMPercentage="),
                "the heap starts at its maximum");
    }

    @Test
    void theJdkAcceptsEveryJvmFlagOfTheImage() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        for (String flag : dockerfileOptions().split(" +")) {
            if (flag.startsWith("-XX:")) {
                command.add(flag);
            }
        }
        assertTrue(command.size() > 1, "the image sets -XX flags");
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(60, TimeUnit.SECONDS), "java -version finished");
        assertEquals(0, java.exitValue(), output);
        assertFalse(output.contains("Unrecognized") || output.contains("Ignoring option"), output);
    }
}
