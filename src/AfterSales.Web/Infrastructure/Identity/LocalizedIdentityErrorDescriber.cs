using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Infrastructure.Identity;

/// <summary>Identity's messages in the user's language (the ones staff can meet on these screens).</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    private IdentityError Error(string code, params object[] args) => new() { Code = code, Description = localizer["Identity." + code, args] };

    public override IdentityError DefaultError() => Error(nameof(DefaultError));

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch));

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), length);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), userName);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), userName ?? "");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure));

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), role);
}
