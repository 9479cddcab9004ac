namespace AfterSales.Domain;

/// <summary>
/// A sentence the domain says to a person (an explanation, a piece of evidence, a reason), kept as a stable
/// <see cref="Code"/> with typed <see cref="Args"/> so the web layer shows it in the reader's language
/// (resource <c>Domain.{Code}</c>). <see cref="Text"/> is the English default, used only when no translation exists.
/// An argument may itself be a <see cref="DomainMessage"/> (translated in turn) or a list of them (joined).
/// </summary>
public sealed record DomainMessage(string Code, IReadOnlyList<object> Args, string Text)
{
    public static DomainMessage Of(string code, string text, params object[] args) => new(code, args, text);

    public override string ToString() => Text;
}
