package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class list the start-up archive is dumped from: the JDK's and the training's, minus what crashes JDK 17's dump. */
class StartupArchiveTest {
    @TempDir
    Path dir;

    @Test
    void mergesTheJdkListFirstKeepsEachLineOnceAndLeavesOutPicocliLambdaProxies() throws IOException {
        Path jdk = Files.write(dir.resolve("classlist"), List.of("java/lang/Object", "java/lang/String",
                "@lambda-proxy java/util/stream/FindOps$FindSink$OfRef get ()Ljava/util/function/Supplier;"));
        List<String> trained = List.of(
                "java/lang/Object",
                "dev/spool/cli/Main",
                "picocli/CommandLine",
                "@lambda-proxy dev/spool/cli/Main convert ()Lpicocli/CommandLine$ITypeConverter; (Ljava/lang/String;)Ljava/lang/Object;",
                "@lambda-proxy dev/spool/MountTable applyAsInt ()Ljava/util/function/ToIntFunction; (Ljava/lang/Object;)I",
                "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L_L");
        assertEquals(List.of("java/lang/Object", "java/lang/String",
                "@lambda-proxy java/util/stream/FindOps$FindSink$OfRef get ()Ljava/util/function/Supplier;",
                "dev/spool/cli/Main",
                "picocli/CommandLine",
                "@lambda-proxy dev/spool/MountTable applyAsInt ()Ljava/util/function/ToIntFunction; (Ljava/lang/Object;)I",
                "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L_L"),
                StartupArchive.merge(trained, jdk));
    }

    @Test
    void withoutTheJdkListTheTrainingsAlone() throws IOException {
        assertEquals(List.of("dev/spool/cli/Main"),
                StartupArchive.merge(List.of("dev/spool/cli/Main"), dir.resolve("missing")));
    }
}
