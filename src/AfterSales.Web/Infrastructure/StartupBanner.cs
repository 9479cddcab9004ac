using AfterSales.Web.Infrastructure.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AfterSales.Web.Infrastructure;

public static class StartupBanner
{
    public static void Log(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            app.Logger.LogInformation("AfterSales is running at {Url}", address);
        }

        if (DemoOptions.Read(app.Configuration).Seed && !app.Environment.IsProduction())
        {
            app.Logger.LogInformation(
                "Demo sign-in (password {Password}): {Users}",
                DemoSeeder.DemoPassword(app.Configuration),
                string.Join(", ", DemoSeeder.DemoLogins));
        }
    }
}
