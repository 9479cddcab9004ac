using Microsoft.AspNetCore.Identity;

namespace AfterSales.Web.Infrastructure.Identity;

public static class IdentitySetup
{
    /// <summary>Password policy (length, no composition rules), lockout after 5 failures, schema version.</summary>
    public static void Configure(IdentityOptions options)
    {
        options.Password.RequiredLength = 12;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = false;

        // Fixed here so the design-time model (migrations) and the running app agree on the tables.
        options.Stores.SchemaVersion = IdentitySchemaVersions.Version2;
    }
}
