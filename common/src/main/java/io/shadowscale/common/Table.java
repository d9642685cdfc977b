package io.shadowscale.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A table of text cells whose first row is the header, written as a Markdown table (reports) or
 * as left-aligned plain-text columns (the operator's command line). Written here rather than taken
 * from a library: the two layouts are a few lines each, and no table library is on the classpath
 * of the processes that print them.
 *
 * <pre>{@code
 * Table t = Table.<Walk>columns()
 *         .add("from", w -> w.fromSlot())
 *         .add("took", w -> w.took())
 *         .of(walks);
 * t.markdown();   // | from | took |\n| --- | --- |\n| blue | 4.2s |\n
 * t.aligned();    // from  took\nblue  4.2s\n
 * }</pre>
 */
public final class Table {
    private final List<List<String>> rows;

    private Table(List<List<String>> rows) {
        this.rows = rows;
    }

    /** The table of {@code rows}, the first one the header; every row as wide as the header. */
    public static Table of(List<List<String>> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least its header row");
        }
        List<List<String>> copy = new ArrayList<>();
        int width = rows.get(0).size();
        for (List<String> row : rows) {
            if (row.size() != width) {
                throw new IllegalArgumentException(
                        "row " + copy.size() + " has " + row.size() + " cells, the header " + width + ": " + row);
            }
            copy.add(List.copyOf(row));
        }
        return new Table(List.copyOf(copy));
    }

    /** The columns of a table with one row per item of type {@code T}. */
    public static <T> Columns<T> columns() {
        return new Columns<>();
    }

    /** Every row, the header first. */
    public List<List<String>> rows() {
        return rows;
    }

    /** How many rows follow the header. */
    public int size() {
        return rows.size() - 1;
    }

    /** A Markdown table: {@code | a | b |}, then {@code | --- | --- |} under the header. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            out.append("| ").append(String.join(" | ", rows.get(r))).append(" |\n");
            if (r == 0) {
                out.append("|").append(" --- |".repeat(rows.get(0).size())).append('\n');
            }
        }
        return out.toString();
    }

    /** Left-aligned columns two spaces apart, one line per row, no trailing blanks. */
    public String aligned() {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == 0 ? "" : "  ").append(row.get(i));
                line.append(" ".repeat(widths[i] - row.get(i).length()));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** Each column's header next to how an item's cell in it is written. */
    public static final class Columns<T> {
        private final List<String> headers = new ArrayList<>();
        private final List<Function<? super T, String>> cells = new ArrayList<>();

        private Columns() {}

        /** One more column, headed {@code header}, holding {@code cell} of each item. */
        public Columns<T> add(String header, Function<? super T, String> cell) {
            headers.add(Objects.requireNonNull(header, "header"));
            cells.add(Objects.requireNonNull(cell, "cell"));
            return this;
        }

        /** The table of {@code items}, one row each, in their order. */
        public Table of(Iterable<? extends T> items) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(headers);
            for (T item : items) {
                List<String> row = new ArrayList<>();
                for (Function<? super T, String> cell : cells) {
                    row.add(cell.apply(item));
                }
                rows.add(row);
            }
            return Table.of(rows);
        }
    }
}
