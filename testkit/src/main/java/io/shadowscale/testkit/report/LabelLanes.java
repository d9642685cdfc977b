package io.shadowscale.testkit.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Puts horizontal labels into rows (lanes) so that no two labels of a row overlap, however close
 * their positions: each label, from left to right, goes into the first row whose last label ends
 * at least {@code gap} before it starts; a new row is opened when none does.
 */
final class LabelLanes {
    /** Width of one character of a chart label in user units: a little over the average sans-serif glyph. */
    static final double CHAR_WIDTH = 0.62;

    private LabelLanes() {}

    /** The estimated width of {@code text} at {@code fontSize}. */
    static double width(String text, double fontSize) {
        return text.length() * fontSize * CHAR_WIDTH;
    }

    /**
     * The row of each label (0 = the first), by index.
     *
     * @param left where each label starts
     * @param width how wide each label is
     * @param gap the least space between two labels of one row
     */
    static int[] assign(double[] left, double[] width, double gap) {
        if (left.length != width.length) {
            throw new IllegalArgumentException(left.length + " positions but " + width.length + " widths");
        }
        int[] lane = new int[left.length];
        List<Double> ends = new ArrayList<>();
        int[] order = IntStream.range(0, left.length)
                .boxed()
                .sorted(Comparator.comparingDouble(i -> left[i]))
                .mapToInt(Integer::intValue)
                .toArray();
        for (int i : order) {
            int row = 0;
            while (row < ends.size() && ends.get(row) + gap > left[i]) {
                row++;
            }
            if (row == ends.size()) {
                ends.add(left[i] + width[i]);
            } else {
                ends.set(row, left[i] + width[i]);
            }
            lane[i] = row;
        }
        return lane;
    }

    /** How many rows {@code lanes} uses. */
    static int count(int[] lanes) {
        return IntStream.of(lanes).max().orElse(-1) + 1;
    }
}
