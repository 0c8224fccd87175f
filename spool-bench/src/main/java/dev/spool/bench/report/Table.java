package dev.spool.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of strings rendered either as aligned plain text (for the terminal) or as GitHub markdown
 * (for docs/benchmarks.md), so both show the same cells.
 */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private boolean textColumns;

    Table(String... header) {
        this.header = Arrays.asList(header);
    }

    /** Adds a row; missing cells are left empty, extra ones are an error. */
    Table row(String... cells) {
        if (cells.length > header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header " + header.size());
        }
        List<String> r = new ArrayList<>(Arrays.asList(cells));
        while (r.size() < header.size()) {
            r.add("");
        }
        rows.add(r);
        return this;
    }

    /** Aligns every column left, for tables of words rather than figures. */
    Table textColumns() {
        textColumns = true;
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Columns padded to their widest cell; the first column left-aligned, the rest right-aligned. */
    String toText() {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                // A long failure line in a row is allowed to overflow rather than widen the column.
                if (!isOverflow(r, i)) {
                    w[i] = Math.max(w[i], r.get(i).length());
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        int total = 0;
        for (int x : w) {
            total += x + 2;
        }
        sb.append("-".repeat(Math.max(0, total - 2))).append('\n');
        for (List<String> r : rows) {
            line(sb, r, w);
        }
        return sb.toString();
    }

    private static boolean isOverflow(List<String> r, int i) {
        return i == 1 && r.size() > 2 && r.subList(2, r.size()).stream().allMatch(String::isEmpty);
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (i > 0) {
                l.append("  ");
            }
            if (i == 0 || (i == 1 && isOverflow(cells, 1))) {
                l.append(c).append(" ".repeat(Math.max(0, w[i] - c.length())));
            } else {
                l.append(" ".repeat(Math.max(0, w[i] - c.length()))).append(c);
            }
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    /** A GitHub markdown table; pipes inside cells are escaped. */
    String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", escape(header))).append(" |\n|");
        for (int i = 0; i < header.size(); i++) {
            sb.append(i == 0 || textColumns ? "---|" : "---:|");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", escape(r))).append(" |\n");
        }
        return sb.toString();
    }

    private static List<String> escape(List<String> cells) {
        List<String> out = new ArrayList<>();
        for (String c : cells) {
            out.add(c.replace("|", "\\|"));
        }
        return out;
    }
}
