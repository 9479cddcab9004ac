using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <summary>A searched word is looked up by its character pairs only (its single characters are implied), see SearchText.</summary>
    [DbContext(typeof(AfterSalesDbContext))]
    [Migration("20261129165500_SearchByPairs")]
    public partial class SearchByPairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(SearchText.QueryGramsSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(
            """
            CREATE OR REPLACE FUNCTION grams_match(grams text[], word text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
              SELECT grams @> text_grams(word)
            $$;
            DROP FUNCTION IF EXISTS query_grams(text);
            """);
    }
}
