using System.Globalization;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure.Discipline;

/// <summary>
/// A record keeps the rule's Chinese text as it stood when proposed. An English reader sees the rule's English text
/// instead, while the record's text is still the rule's current Chinese one; a text the rule no longer has is shown as kept.
/// </summary>
public sealed class RuleTexts
{
    private readonly Dictionary<string, (string Zh, string En)> _byArticle;

    private RuleTexts(Dictionary<string, (string Zh, string En)> byArticle) => _byArticle = byArticle;

    public static RuleTexts None { get; } = new([]);

    /// <summary>The rule catalog is small (dozens of rules): read whole.</summary>
    public static async Task<RuleTexts> LoadAsync(AfterSalesDbContext db, CancellationToken cancellationToken) =>
        new((await db.DisciplineRules.AsNoTracking().Select(r => new { r.Article, r.TextZh, r.TextEn }).ToListAsync(cancellationToken))
            .GroupBy(r => r.Article, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.First().TextZh, g.First().TextEn), StringComparer.Ordinal));

    public string Show(string article, string kept) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName != "zh"
        && _byArticle.TryGetValue(article, out var rule) && rule.Zh == kept && !string.IsNullOrWhiteSpace(rule.En)
            ? rule.En
            : kept;
}
