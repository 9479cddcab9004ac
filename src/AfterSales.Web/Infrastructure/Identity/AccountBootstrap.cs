using Microsoft.AspNetCore.Identity;

namespace AfterSales.Web.Infrastructure.Identity;

/// <summary>
/// Makes sure the six roles exist and, on a database with no administrator yet, creates the first one
/// from <c>Bootstrap:AdminUserName</c> / <c>Bootstrap:AdminPassword</c> when both are configured.
/// This is how a production installation gets its first sign-in; it never creates demo users.
/// </summary>
public sealed class AccountBootstrap(UserManager<AppUser> users, RoleManager<IdentityRole> roles, Microsoft.Extensions.Options.IOptions<BootstrapOptions> bootstrap, TimeProvider clock, ILogger<AccountBootstrap> logger)
{
    public async Task EnsureAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var (userName, password) = (bootstrap.Value.AdminUserName, bootstrap.Value.AdminPassword);
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrWhiteSpace(password) || (await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        var admin = new AppUser { UserName = userName, FullName = userName, CreatedAt = clock.GetUtcNow(), LockoutEnabled = true };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("The first administrator could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, Roles.Admin);
        logger.LogWarning("Created the first administrator {UserName}; change the password after signing in", userName);
    }
}
