using AfterSales.Web.Infrastructure.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>Settings are typed and checked once at start: a wrong value stops the start with one line naming it.</summary>
public sealed class SettingsTests
{
    private static ServiceProvider With(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddValidatedSettings();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Without_settings_the_defaults_hold()
    {
        using var provider = With();
        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(120m, provider.GetRequiredService<IOptions<DisciplineOptions>>().Value.MonthlyHourQuota);
        Assert.True(provider.GetRequiredService<IOptions<DisciplineOptions>>().Value.DailyScan);
        Assert.Equal(2000, provider.GetRequiredService<IOptions<SearchOptions>>().Value.NewestWindow);
        Assert.Equal(100_000, provider.GetRequiredService<IOptions<TicketExportOptions>>().Value.Limit);
        Assert.Equal(TimeSpan.FromHours(24), provider.GetRequiredService<IOptions<QualityOptions>>().Value.ReportUpAllowed);
        Assert.Equal(new Domain.Complaints.ClassificationSettings(90, 3, 7), provider.GetRequiredService<IOptions<QualityOptions>>().Value.Classification);
        Assert.Equal(("售后服务部", "Asia/Shanghai"), (provider.GetRequiredService<IOptions<CompanyOptions>>().Value.Name, provider.GetRequiredService<IOptions<CompanyOptions>>().Value.TimeZone));
    }

    [Fact]
    public void A_value_in_range_is_read()
    {
        using var provider = With(("Discipline:MonthlyHourQuota", "100.5"), ("Search:NewestWindow", "50"), ("Quality:ReportUpHours", "0.5"));
        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(100.5m, provider.GetRequiredService<IOptions<DisciplineOptions>>().Value.MonthlyHourQuota);
        Assert.Equal(50, provider.GetRequiredService<IOptions<SearchOptions>>().Value.NewestWindow);
        Assert.Equal(TimeSpan.FromMinutes(30), provider.GetRequiredService<IOptions<QualityOptions>>().Value.ReportUpAllowed);
    }

    [Theory]
    [InlineData("Discipline:MonthlyHourQuota", "-1", "Discipline__MonthlyHourQuota")]
    [InlineData("Discipline:MonthlyHourQuota", "745", "Discipline__MonthlyHourQuota")]
    [InlineData("Discipline:MonthlyHourQuota", "lots", "Discipline:MonthlyHourQuota")]
    [InlineData("Search:NewestWindow", "49", "Search__NewestWindow")]
    [InlineData("Tickets:ExportLimit", "0", "Tickets__ExportLimit")]
    [InlineData("Quality:BatchSize", "1", "Quality__BatchSize")]
    [InlineData("Quality:ReportUpHours", "0", "Quality__ReportUpHours")]
    [InlineData("Company:TimeZone", "Mars/Olympus", "Company__TimeZone")]
    [InlineData("Company:Name", " ", "Company__Name")]
    public void A_wrong_value_stops_the_start_with_one_line_naming_the_setting(string key, string value, string named)
    {
        using var provider = With((key, value));
        var error = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.NotNull(error);
        var line = SettingsSetup.Describe(error);
        Assert.NotNull(line);
        Assert.StartsWith("Settings not valid: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }
}
