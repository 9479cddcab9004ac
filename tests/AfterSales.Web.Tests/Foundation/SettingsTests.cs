using AfterSales.Domain.Exchanges;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Dispatch;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.Jobs;
using AfterSales.Web.Infrastructure.Postgres;
using AfterSales.Web.Infrastructure.Security;
using AfterSales.Web.Infrastructure.Seeding;
using AfterSales.Web.Infrastructure.Settings;
using AfterSales.Web.Pages.Exchanges;
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
        Assert.Equal(0, provider.GetRequiredService<IOptions<DisciplineOptions>>().Value.DismissalWindowYears);
        Assert.Equal(TimeSpan.FromHours(48), provider.GetRequiredService<IOptions<ExchangeOptions>>().Value.StepTime);
        Assert.Equal(ExchangeWarrantyPolicy.NewPeriod, provider.GetRequiredService<IOptions<ExchangeOptions>>().Value.WarrantyPolicy);
        Assert.Equal(200, provider.GetRequiredService<IOptions<BoardOptions>>().Value.RelayMilliseconds);
        Assert.Equal(TimeSpan.FromSeconds(5), provider.GetRequiredService<IOptions<JobOptions>>().Value.RetryInterval);
        Assert.Equal(16 * Environment.ProcessorCount, provider.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.ConcurrentRequests);
        Assert.Equal(40, provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.MaxPoolSize);
        Assert.Equal(TimeSpan.FromHours(12), provider.GetRequiredService<IOptions<SignInSessionOptions>>().Value.SessionMaxLifetime);
        Assert.Equal(443, provider.GetRequiredService<IOptions<SecurityOptions>>().Value.HttpsPort);
        Assert.Equal("aftersales-demo", provider.GetRequiredService<IOptions<DemoOptions>>().Value.Password);
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
    [InlineData("Discipline:DismissalWindowYears", "-1", "Discipline__DismissalWindowYears")]
    [InlineData("Exchange:StepHours", "-5", "Exchange__StepHours")]
    [InlineData("Exchange:StepHours", "0", "Exchange__StepHours")]
    [InlineData("Exchange:WarrantyPolicy", "Forever", "Exchange:WarrantyPolicy")]
    [InlineData("Exchange:WarrantyPolicy", "7", "Exchange__WarrantyPolicy")]
    [InlineData("Security:HttpsPort", "70000", "Security__HttpsPort")]
    [InlineData("Security:ForwardedHeaders:KnownProxies:0", "not-an-address", "Security__ForwardedHeaders__KnownProxies__0")]
    [InlineData("Security:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99", "Security__ForwardedHeaders__KnownNetworks__0")]
    [InlineData("Security:ForwardedHeaders:ForwardLimit", "0", "Security__ForwardedHeaders__ForwardLimit")]
    [InlineData("Identity:SessionMaxLifetime", "00:00:00", "Identity__SessionMaxLifetime")]
    [InlineData("Identity:StampCacheLifetime", "02:00:00", "Identity__StampCacheLifetime")]
    [InlineData("Bootstrap:AdminUserName", "chief", "Bootstrap__AdminPassword")]
    [InlineData("Board:RelayMilliseconds", "10", "Board__RelayMilliseconds")]
    [InlineData("Board:StreamMinutes", "0", "Board__StreamMinutes")]
    [InlineData("Jobs:RetryInterval", "00:00:00", "Jobs__RetryInterval")]
    [InlineData("Limits:ConcurrentRequests", "0", "Limits__ConcurrentRequests")]
    [InlineData("Limits:QueuedRequests", "-1", "Limits__QueuedRequests")]
    [InlineData("Database:MaxPoolSize", "0", "Database__MaxPoolSize")]
    [InlineData("Database:ReadYourWrites", "-00:00:01", "Database__ReadYourWrites")]
    [InlineData("Demo:Password", "short", "Demo__Password")]
    [InlineData("Demo:Customers", "-3", "Demo__Customers")]
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

    [Fact]
    public void A_section_read_before_the_services_exist_is_checked_the_same_way()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Database:MaxPoolSize", "-5")]).Build();

        var error = Assert.Throws<OptionsValidationException>(() => DatabaseOptions.Read(configuration));

        Assert.Equal("Settings not valid: Database:MaxPoolSize (Database__MaxPoolSize) must be a number of connections from 1 to 100000.", SettingsSetup.Describe(error));
    }

    [Fact]
    public void Values_in_range_are_read_into_their_areas_settings()
    {
        using var provider = With(("Exchange:StepHours", "72"), ("Exchange:WarrantyPolicy", "RemainingPeriod"), ("Discipline:DismissalWindowYears", "5"), ("Security:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8"));
        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(TimeSpan.FromHours(72), provider.GetRequiredService<IOptions<ExchangeOptions>>().Value.StepTime);
        Assert.Equal(ExchangeWarrantyPolicy.RemainingPeriod, provider.GetRequiredService<IOptions<ExchangeOptions>>().Value.WarrantyPolicy);
        Assert.Equal(5, provider.GetRequiredService<IOptions<DisciplineOptions>>().Value.DismissalWindowYears);
        Assert.True(provider.GetRequiredService<IOptions<SecurityOptions>>().Value.ForwardedHeaders.Any);
    }
}
