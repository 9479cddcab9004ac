using System.ComponentModel.DataAnnotations;

namespace AfterSales.Web.Infrastructure.Seeding;

/// <summary>
/// The demo company (<c>Demo:*</c>, never in Production): whether it is seeded at start, the demo users' password, and
/// how much to make (the <c>seed</c> command's options override the counts). Checked at start.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public const string DefaultPassword = "aftersales-demo";

    public bool Seed { get; set; }

    [Required(AllowEmptyStrings = false, ErrorMessage = "Demo:Password (Demo__Password) must not be empty.")]
    [StringLength(128, MinimumLength = 12, ErrorMessage = "Demo:Password (Demo__Password) must be from 12 to 128 characters (the sign-in's own rule).")]
    public string Password { get; set; } = DefaultPassword;

    [Range(0, 100_000_000, ErrorMessage = "Demo:Customers (Demo__Customers) must be a number of customers from 0 to 100000000.")]
    public int Customers { get; set; } = 500;

    [Range(0, 100_000_000, ErrorMessage = "Demo:Tickets (Demo__Tickets) must be a number of tickets from 0 to 100000000.")]
    public int Tickets { get; set; } = 3000;

    [Range(0, 1_000_000, ErrorMessage = "Demo:Staff (Demo__Staff) must be a number of staff from 0 (the demo staff only) to 1000000.")]
    public int Staff { get; set; }

    [Range(0, 100_000_000, ErrorMessage = "Demo:Records (Demo__Records) must be a number of records from 0 to 100000000.")]
    public int Records { get; set; } = 400;

    [Range(0, 120, ErrorMessage = "Demo:PublishMonths (Demo__PublishMonths) must be a number of months from 0 to 120.")]
    public int PublishMonths { get; set; }

    public static DemoOptions Read(IConfiguration configuration) => Settings.SettingsSetup.Read<DemoOptions>(configuration, Section);
}
