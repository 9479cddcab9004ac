using AfterSales.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AfterSales.Web.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the app or a database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AfterSalesDbContext>
{
    public AfterSalesDbContext CreateDbContext(string[] args) => Create("Host=localhost;Database=aftersales_design");

    /// <summary>A context outside the web host with the same model as the app's (Identity options included).</summary>
    public static AfterSalesDbContext Create(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIdentityCore<AppUser>(IdentitySetup.Configure).AddRoles<IdentityRole>().AddEntityFrameworkStores<AfterSalesDbContext>();
        services.AddDbContext<AfterSalesDbContext>(o => o.UseNpgsql(connectionString).UseSnakeCaseNamingConvention());
        return services.BuildServiceProvider().GetRequiredService<AfterSalesDbContext>();
    }
}
