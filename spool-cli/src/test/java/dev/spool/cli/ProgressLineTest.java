package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The download bar's text, from bytes and time passed in. */
class ProgressLineTest {
    private static final long MS = 1_000_000L;

    @Test
    void aFastTransferStillShowsItsRate() {
        ProgressLine line = new ProgressLine("big.bin", 0, 512 * 1024, false);
        assertEquals("big.bin 100% │" + "█".repeat(30) + "│ 512/512 KiB (0:00:00 / 0:00:00) 100.0 MiB/s",
                line.render(512 * 1024, 5 * MS), "512 KiB in 5 ms");
    }

    @Test
    void partwayTheBarHasEighthsAndTheEtaFollowsTheRate() {
        ProgressLine line = new ProgressLine("f", 0, 1024 * 1024, false);
        // a quarter in 2 s: 128 KiB/s, 6 s to go; 30 cells * 8 / 4 = 60 eighths = 7 cells and a half
        assertEquals("f  25% │" + "█".repeat(7) + "▌" + " ".repeat(22) + "│ 256/1024 KiB (0:00:02 / 0:00:06) 128.0 KiB/s",
                line.render(256 * 1024, 2000 * MS));
    }

    @Test
    void aResumedDownloadCountsOnlyTheBytesOfThisRunInItsRate() {
        ProgressLine line = new ProgressLine("f", 512 * 1024, 1024 * 1024, false);
        assertEquals("f  75% │" + "█".repeat(22) + "▌" + " ".repeat(7) + "│ 768/1024 KiB (0:00:01 / 0:00:01) 256.0 KiB/s",
                line.render(768 * 1024, 1000 * MS));
    }

    @Test
    void anUnknownSizeShowsWhatCameAndNoEtaBeforeAnyByte() {
        assertEquals("f 64 KiB received (0:00:00) 128.0 KiB/s", new ProgressLine("f", 0, -1, false).render(64 * 1024, 500 * MS));
        assertEquals("f   0% │" + " ".repeat(30) + "│ 0/20 MiB (0:00:00 / ?:??:??) - B/s",
                new ProgressLine("f", 0, 20L << 20, false).render(0, 0));
    }
}
