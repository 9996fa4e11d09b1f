package com.acme.crm.testinfra;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JDBC to the database of the service under test (its {@code quarkus.datasource.jdbc.url}),
 * to write what no API writes and to look behind the API (row counts, plans).
 */
public final class Db {

    private Db() {
    }

    public static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /** The single number {@code sql} selects. */
    public static long count(String sql) {
        return Long.parseLong(text(sql));
    }

    /** The single value {@code sql} selects, as text. */
    public static String text(String sql) {
        return strings(sql).get(0);
    }

    /** The first column of every row {@code sql} selects, as text. */
    public static List<String> strings(String sql) {
        List<String> values = new ArrayList<>();
        for (String row : query(sql, 1)) {
            values.add(row);
        }
        return values;
    }

    /** The rows {@code sql} selects, each as its columns' text joined by "|". */
    public static List<String> rows(String sql) {
        return query(sql, Integer.MAX_VALUE);
    }

    public static void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static List<String> query(String sql, int maxColumns) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = Math.min(maxColumns, rs.getMetaData().getColumnCount());
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
