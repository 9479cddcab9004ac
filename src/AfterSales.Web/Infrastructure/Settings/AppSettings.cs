using System.ComponentModel.DataAnnotations;
using AfterSales.Domain.Complaints;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Infrastructure.Settings;

/// <summary>Reward and penalty settings (<c>Discipline:*</c>).</summary>
public sealed class DisciplineOptions
{
    public const string Section = "Discipline";

    public const decimal DefaultMonthlyHourQuota = 120m;

    /// <summary>Labour hours a technician owes a month (Part 5 art. 32–36); the tallies and the hour triggers read it. 0 turns the hour triggers off.</summary>
    [Range(typeof(decimal), "0", "744", ParseLimitsInInvariantCulture = true, ErrorMessage = "Discipline:MonthlyHourQuota (Discipline__MonthlyHourQuota) must be a number of hours from 0 to 744.")]
    public decimal MonthlyHourQuota { get; set; } = DefaultMonthlyHourQuota;

    /// <summary>Whether the daily proposal scan runs.</summary>
    public bool DailyScan { get; set; } = true;

    /// <summary>
    /// 全累计三次大过解雇: the years before today in which major demerits are counted toward dismissal (the records
    /// page's alerts, <c>Ladder.ManagerAlerts</c>); 0 counts the whole employment.
    /// </summary>
    [Range(0, 100, ErrorMessage = "Discipline:DismissalWindowYears (Discipline__DismissalWindowYears) must be a number of years from 0 (the whole employment) to 100.")]
    public int DismissalWindowYears { get; set; }
}

/// <summary>Complaint settings (<c>Quality:*</c>): the class advisor's windows and the time to report a complaint up.</summary>
public sealed class QualityOptions
{
    public const string Section = "Quality";

    [Range(1, 3650, ErrorMessage = "Quality:RecurringDays (Quality__RecurringDays) must be a number of days from 1 to 3650.")]
    public int RecurringDays { get; set; } = 90;

    [Range(2, 1000, ErrorMessage = "Quality:BatchSize (Quality__BatchSize) must be a number of complaints from 2 to 1000.")]
    public int BatchSize { get; set; } = 3;

    [Range(1, 365, ErrorMessage = "Quality:BatchWindowDays (Quality__BatchWindowDays) must be a number of days from 1 to 365.")]
    public int BatchWindowDays { get; set; } = 7;

    [Range(0.1, 8760, ErrorMessage = "Quality:ReportUpHours (Quality__ReportUpHours) must be a number of hours from 0.1 to 8760.")]
    public double ReportUpHours { get; set; } = 24;

    public ClassificationSettings Classification => new(RecurringDays, BatchSize, BatchWindowDays);

    public TimeSpan ReportUpAllowed => TimeSpan.FromHours(ReportUpHours);
}

/// <summary>Ticket list settings (<c>Search:*</c>, <c>Tickets:*</c>).</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>How many of the newest tickets a word search reads first (see the ticket list).</summary>
    [Range(Pages.Tickets.IndexModel.PageSize, 100_000, ErrorMessage = "Search:NewestWindow (Search__NewestWindow) must be a number of tickets from 50 to 100000.")]
    public int NewestWindow { get; set; } = 2000;
}

/// <summary>The ticket export (<c>Tickets:*</c>).</summary>
public sealed class TicketExportOptions
{
    public const string Section = "Tickets";

    /// <summary>Rows an export may hold; unset (or set empty) is the default, 100,000.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Tickets:ExportLimit (Tickets__ExportLimit) must be a number of rows from 1 to 10000000.")]
    public int? ExportLimit { get; set; }

    public int Limit => ExportLimit ?? Pages.Tickets.ExportModel.DefaultLimit;
}

/// <summary>The company (<c>Company:*</c>): its name on printed work orders and the time zone of its business dates.</summary>
public sealed class CompanyOptions
{
    public const string Section = "Company";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Company:Name (Company__Name) must not be empty.")]
    [StringLength(100, ErrorMessage = "Company:Name (Company__Name) must be at most 100 characters.")]
    public string Name { get; set; } = "售后服务部";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Company:TimeZone (Company__TimeZone) must name a time zone, e.g. Asia/Shanghai.")]
    public string TimeZone { get; set; } = "Asia/Shanghai";
}

/// <summary>A time zone the machine does not know is refused at start, not at the first date worked out.</summary>
public sealed class CompanyOptionsValidator : IValidateOptions<CompanyOptions>
{
    public ValidateOptionsResult Validate(string? name, CompanyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.TimeZone))
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return ValidateOptionsResult.Fail($"Company:TimeZone (Company__TimeZone) '{options.TimeZone}' is not a time zone this machine knows, e.g. Asia/Shanghai.");
        }
    }
}

public static class SettingsSetup
{
    /// <summary>Binds the business settings to their options classes, validated once at start (a wrong value stops the start with one line).</summary>
    public static IServiceCollection AddValidatedSettings(this IServiceCollection services)
    {
        services.AddOptions<DisciplineOptions>().BindConfiguration(DisciplineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QualityOptions>().BindConfiguration(QualityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TicketExportOptions>().BindConfiguration(TicketExportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CompanyOptions>().BindConfiguration(CompanyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CompanyOptions>, CompanyOptionsValidator>();
        services.AddOptions<Pages.Exchanges.ExchangeOptions>().BindConfiguration(Pages.Exchanges.ExchangeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Security.SecurityOptions>().BindConfiguration(Security.SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<Security.SecurityOptions>, Security.SecurityOptionsValidator>();
        services.AddOptions<Identity.SignInSessionOptions>().BindConfiguration(Identity.SignInSessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Identity.BootstrapOptions>().BindConfiguration(Identity.BootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Dispatch.BoardOptions>().BindConfiguration(Dispatch.BoardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Jobs.JobOptions>().BindConfiguration(Jobs.JobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Postgres.DatabaseOptions>().BindConfiguration(Postgres.DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Seeding.DemoOptions>().BindConfiguration(Seeding.DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>
    /// A section read before the app's services exist (the connection strings' pool, the pipeline's shape, the cookie
    /// names): bound and checked as at start, so a wrong value stops the start with the same one line.
    /// </summary>
    public static T Read<T>(IConfiguration configuration, string section, IValidateOptions<T>? validator = null)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        var failures = new List<string>();
        foreach (var check in new[] { new DataAnnotationValidateOptions<T>(Options.DefaultName), validator })
        {
            if (check?.Validate(Options.DefaultName, options) is { Failed: true, Failures: { } failed })
            {
                failures.AddRange(failed);
            }
        }

        return failures.Count > 0 ? throw new OptionsValidationException(Options.DefaultName, typeof(T), failures) : options;
    }

    /// <summary>
    /// The one line a start with wrong settings prints (every failure, without the option classes' names), or null
    /// when <paramref name="e"/> is not about settings: a value out of range, or one that is not a number at all.
    /// </summary>
    public static string? Describe(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var failures = Failures(e).ToList();
        return failures.Count == 0 ? null : "Settings not valid: " + string.Join(" ", failures);
    }

    private static IEnumerable<string> Failures(Exception e) => e switch
    {
        AggregateException all => all.InnerExceptions.SelectMany(Failures),
        OptionsValidationException invalid => invalid.Failures.Select(Readable),
        InvalidOperationException { Message: var message } when message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => [message.ReplaceLineEndings(" ")],
        _ => [],
    };

    /// <summary>"DataAnnotation validation failed for 'X' members: 'Y' with the error: 'the message'." → "the message".</summary>
    private static string Readable(string failure)
    {
        const string Marker = " with the error: '";
        var at = failure.IndexOf(Marker, StringComparison.Ordinal);
        var text = at < 0 ? failure : failure[(at + Marker.Length)..].TrimEnd('.').TrimEnd('\'');
        return text.ReplaceLineEndings(" ");
    }
}
