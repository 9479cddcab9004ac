using AfterSales.Web.Pages.Exchanges;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>
/// The web host as the test server builds it reads a setting given to it into its area's typed settings (a wrong one
/// stops the start: <see cref="StartupTests"/> runs the app and reads its one line; <see cref="SettingsTests"/> each rule).
/// </summary>
public sealed class SettingsStartupTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_setting_in_range_starts_the_host_and_reaches_the_pages_that_use_it()
    {
        await using var instance = AppInstance.Start(("Exchange:StepHours", "72"));
        using var http = new HttpClient { BaseAddress = instance.BaseAddress };

        using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(TimeSpan.FromHours(72), instance.Services.GetRequiredService<IOptionsMonitor<ExchangeOptions>>().CurrentValue.StepTime);
    }
}
