package io.github.open311server.statistics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.open311server.web.Csv;

/**
 * The rows of one statistic: its columns depend on what it is grouped by, so a row is a map in column
 * order. Values are strings, whole numbers, decimals or null.
 */
public record StatisticsTable(List<String> columns, List<Map<String, Object>> rows) {

    public String csv() {
        StringBuilder out = new StringBuilder(Csv.line(columns));
        for (Map<String, Object> row : rows) {
            List<String> fields = new ArrayList<>(columns.size());
            for (String column : columns) {
                Object value = row.get(column);
                fields.add(
                        value == null
                                ? null
                                : value instanceof BigDecimal number ? number.toPlainString() : value.toString());
            }
            out.append(Csv.line(fields));
        }
        return out.toString();
    }
}
