using Microsoft.AspNetCore.Identity;

namespace AfterSales.Web.Infrastructure.Identity;

/// <summary>A member of staff who signs in. Disabled users cannot sign in and lose their sessions.</summary>
public sealed class AppUser : IdentityUser
{
    public string FullName { get; set; } = "";

    public string? EmployeeNo { get; set; }

    public string? Department { get; set; }

    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
