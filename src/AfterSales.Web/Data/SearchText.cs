namespace AfterSales.Web.Data;

/// <summary>
/// Complete search over Chinese text. A ticket keeps, in <c>search_grams</c>, every single character and every
/// pair of adjacent characters (lower-cased, whitespace left out) of its fault text and of its customer's name; a
/// database trigger keeps it current (also when the customer is renamed). A word of one or two characters is in a
/// ticket exactly when its grams are; a longer word needs all its grams there and is then checked as a substring.
/// The grams are made in PostgreSQL only (<c>text_grams</c>), for the stored rows and the searched word alike.
/// </summary>
public static class SearchText
{
    public const string GramsColumn = "SearchGrams";

    /// <summary>Longest word whose grams alone decide a match.</summary>
    public const int ExactGramLength = 2;

    /// <summary>SQL <c>grams_match(grams, word)</c>: the ticket's grams hold every gram of the word (GIN-indexed <c>@&gt;</c>).</summary>
    public static bool GramsMatch(string[] grams, string word) => throw new InvalidOperationException("Translated to SQL only.");

    public const string CreateSql =
        """
        CREATE OR REPLACE FUNCTION text_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
          SELECT coalesce(array_agg(DISTINCT g), '{}'::text[]) FROM (
            SELECT substr(s, i, 1) AS g FROM (SELECT lower(t) AS s) x, generate_series(1, length(s)) i
            UNION ALL
            SELECT substr(s, i, 2) FROM (SELECT lower(t) AS s) x, generate_series(1, length(s) - 1) i
          ) grams WHERE g !~ '[[:space:]]'
        $$;

        CREATE OR REPLACE FUNCTION grams_match(grams text[], word text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT grams @> text_grams(word)
        $$;

        CREATE OR REPLACE FUNCTION tickets_search_grams() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.search_grams := ARRAY(SELECT DISTINCT g FROM unnest(
            coalesce(text_grams(NEW.fault_description), '{}'::text[])
            || coalesce((SELECT text_grams(c.name) FROM customers c WHERE c.id = NEW.customer_id), '{}'::text[])) g);
          RETURN NEW;
        END $$;

        CREATE TRIGGER tickets_search_grams BEFORE INSERT OR UPDATE OF fault_description, customer_id ON tickets
          FOR EACH ROW EXECUTE FUNCTION tickets_search_grams();

        CREATE OR REPLACE FUNCTION customers_search_grams() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE tickets SET customer_id = customer_id WHERE customer_id = NEW.id;
          RETURN NULL;
        END $$;

        CREATE TRIGGER customers_search_grams AFTER UPDATE OF name ON customers
          FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION customers_search_grams();

        UPDATE tickets SET fault_description = fault_description;
        """;

    /// <summary>
    /// The grams a searched word is looked up by: its pairs of characters (a pair present means both its characters
    /// are), or its single character when it has no pair. Fewer, rarer keys than all its grams: a common character
    /// such as 水 is in a third of all tickets and would make the index intersect huge lists for nothing.
    /// </summary>
    public const string QueryGramsSql =
        """
        CREATE OR REPLACE FUNCTION query_grams(word text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
          SELECT CASE WHEN cardinality(pairs) > 0 THEN pairs ELSE text_grams(word) END
          FROM (SELECT coalesce(array_agg(DISTINCT g), '{}'::text[]) AS pairs FROM (
            SELECT substr(s, i, 2) AS g FROM (SELECT lower(word) AS s) x, generate_series(1, length(s) - 1) i
          ) p WHERE g !~ '[[:space:]]') q
        $$;

        CREATE OR REPLACE FUNCTION grams_match(grams text[], word text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT grams @> query_grams(word)
        $$;
        """;

    public const string DropSql =
        """
        DROP TRIGGER IF EXISTS customers_search_grams ON customers;
        DROP FUNCTION IF EXISTS customers_search_grams();
        DROP TRIGGER IF EXISTS tickets_search_grams ON tickets;
        DROP FUNCTION IF EXISTS tickets_search_grams();
        DROP FUNCTION IF EXISTS grams_match(text[], text);
        DROP FUNCTION IF EXISTS text_grams(text);
        """;
}
