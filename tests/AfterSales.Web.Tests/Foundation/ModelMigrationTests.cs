using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>The model the app runs on is the model its migrations build.</summary>
public sealed class ModelMigrationTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Every_change_to_the_model_has_its_migration()
    {
        await using var db = App.NewDbContext();
        Assert.False(
            db.Database.HasPendingModelChanges(),
            "The EF model has changes no migration holds: add one (cd src/AfterSales.Web && dotnet ef migrations add <Name> -o Data/Migrations --context AfterSalesDbContext).");
    }
}
