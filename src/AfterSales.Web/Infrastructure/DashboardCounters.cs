namespace AfterSales.Web.Infrastructure;

/// <summary>
/// Whole-table figures (customers, units, units without proof of purchase) kept in <c>table_counts</c> by
/// statement-level triggers with transition tables, so the dashboard reads three rows instead of counting a
/// table that grows with history. A bulk COPY adds its rows in one step; TRUNCATE resets the counter.
/// </summary>
public static class DashboardCounters
{
    public const string Customers = "customers";
    public const string Units = "units";
    public const string UnitsWithoutProof = "units_without_proof";

    public const string CreateSql =
        """
        CREATE TABLE table_counts (name text PRIMARY KEY, n bigint NOT NULL);

        CREATE FUNCTION table_counts_add(counter text, delta bigint) RETURNS void LANGUAGE sql AS $$
          INSERT INTO table_counts AS c (name, n) VALUES (counter, delta)
          ON CONFLICT (name) DO UPDATE SET n = c.n + EXCLUDED.n
        $$;

        CREATE FUNCTION customers_counted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            PERFORM table_counts_add('customers', (SELECT count(*) FROM new_rows));
          ELSIF TG_OP = 'DELETE' THEN
            PERFORM table_counts_add('customers', -(SELECT count(*) FROM old_rows));
          ELSE
            DELETE FROM table_counts WHERE name = 'customers';
          END IF;
          RETURN NULL;
        END $$;
        CREATE TRIGGER customers_counted_insert AFTER INSERT ON customers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customers_counted();
        CREATE TRIGGER customers_counted_delete AFTER DELETE ON customers REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customers_counted();
        CREATE TRIGGER customers_counted_truncate AFTER TRUNCATE ON customers FOR EACH STATEMENT EXECUTE FUNCTION customers_counted();

        CREATE FUNCTION units_counted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            PERFORM table_counts_add('units', (SELECT count(*) FROM new_rows));
            PERFORM table_counts_add('units_without_proof', (SELECT count(*) FROM new_rows WHERE NOT has_proof_of_purchase));
          ELSIF TG_OP = 'DELETE' THEN
            PERFORM table_counts_add('units', -(SELECT count(*) FROM old_rows));
            PERFORM table_counts_add('units_without_proof', -(SELECT count(*) FROM old_rows WHERE NOT has_proof_of_purchase));
          ELSIF TG_OP = 'UPDATE' THEN
            PERFORM table_counts_add('units_without_proof',
              (SELECT count(*) FROM new_rows WHERE NOT has_proof_of_purchase) - (SELECT count(*) FROM old_rows WHERE NOT has_proof_of_purchase));
          ELSE
            DELETE FROM table_counts WHERE name IN ('units', 'units_without_proof');
          END IF;
          RETURN NULL;
        END $$;
        CREATE TRIGGER units_counted_insert AFTER INSERT ON units REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION units_counted();
        CREATE TRIGGER units_counted_update AFTER UPDATE ON units REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION units_counted();
        CREATE TRIGGER units_counted_delete AFTER DELETE ON units REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION units_counted();
        CREATE TRIGGER units_counted_truncate AFTER TRUNCATE ON units FOR EACH STATEMENT EXECUTE FUNCTION units_counted();

        INSERT INTO table_counts (name, n)
        SELECT 'customers', count(*) FROM customers
        UNION ALL SELECT 'units', count(*) FROM units
        UNION ALL SELECT 'units_without_proof', count(*) FROM units WHERE NOT has_proof_of_purchase;
        """;

    public const string DropSql =
        """
        DROP TRIGGER IF EXISTS units_counted_insert ON units;
        DROP TRIGGER IF EXISTS units_counted_update ON units;
        DROP TRIGGER IF EXISTS units_counted_delete ON units;
        DROP TRIGGER IF EXISTS units_counted_truncate ON units;
        DROP FUNCTION IF EXISTS units_counted();
        DROP TRIGGER IF EXISTS customers_counted_insert ON customers;
        DROP TRIGGER IF EXISTS customers_counted_delete ON customers;
        DROP TRIGGER IF EXISTS customers_counted_truncate ON customers;
        DROP FUNCTION IF EXISTS customers_counted();
        DROP FUNCTION IF EXISTS table_counts_add(text, bigint);
        DROP TABLE IF EXISTS table_counts;
        """;
}
