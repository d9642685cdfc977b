package io.shadowscale.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    private record Walk(String slots, int took) {}

    private static final Table WALKS = Table.<Walk>columns()
            .add("SLOTS", Walk::slots)
            .add("TOOK", w -> w.took() + "s")
            .add("NOTE", w -> "")
            .of(List.of(new Walk("blue -> green", 4), new Walk("green -> blue", 12)));

    @Test
    void columnsMakeOneRowPerItemUnderTheHeaders() {
        assertThat(WALKS.rows())
                .isEqualTo(List.of(
                        List.of("SLOTS", "TOOK", "NOTE"),
                        List.of("blue -> green", "4s", ""),
                        List.of("green -> blue", "12s", "")));
        assertThat(WALKS.size()).isEqualTo(2);
    }

    @Test
    void markdownHasTheSeparatorUnderTheHeader() {
        assertThat(WALKS.markdown())
                .isEqualTo("| SLOTS | TOOK | NOTE |\n"
                        + "| --- | --- | --- |\n"
                        + "| blue -> green | 4s |  |\n"
                        + "| green -> blue | 12s |  |\n");
    }

    @Test
    void alignedColumnsAreTwoSpacesApartWithoutTrailingBlanks() {
        assertThat(WALKS.aligned())
                .isEqualTo("SLOTS          TOOK  NOTE\n" + "blue -> green  4s\n" + "green -> blue  12s\n");
    }

    @Test
    void aTableOfOnlyItsHeaderHasNoRows() {
        Table empty = Table.<Walk>columns().add("SLOTS", Walk::slots).of(List.of());
        assertThat(empty.size()).isZero();
        assertThat(empty.markdown()).isEqualTo("| SLOTS |\n| --- |\n");
        assertThat(empty.aligned()).isEqualTo("SLOTS\n");
    }

    @Test
    void rowsNarrowerOrWiderThanTheHeaderAreRefused() {
        assertThatThrownBy(() -> Table.of(List.of(List.of("a", "b"), List.of("1", "2"), List.of("3"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 2 has 1 cells, the header 2: [3]");
        assertThatThrownBy(() -> Table.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a table needs at least its header row");
    }
}
