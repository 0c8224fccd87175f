package dev.spool.cli;

/**
 * Entry point of the {@code spool} command; for now it runs the demo:
 * {@code spool demo [URL] [-n N]}.
 */
public final class Main {
    private Main() {
    }

    /** Runs the command. */
    public static void main(String[] args) throws Exception {
        String url = null;
        int n = Demo.DEFAULT_REQUESTS;
        int i = 0;
        if (args.length > 0 && args[0].equals("demo")) {
            i = 1;
        }
        for (; i < args.length; i++) {
            if (args[i].equals("-n") && i + 1 < args.length) {
                n = Integer.parseInt(args[++i]);
            } else {
                url = args[i];
            }
        }
        new Demo(System.out).run(url, n);
    }
}
