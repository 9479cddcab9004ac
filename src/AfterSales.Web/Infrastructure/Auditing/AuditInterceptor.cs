using System.Security.Claims;
using System.Text.Json;
using AfterSales.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AfterSales.Web.Infrastructure.Auditing;

/// <summary>
/// Adds one <see cref="AuditEntry"/> per inserted, updated or deleted entity to the same SaveChanges,
/// so the audit rows commit or roll back together with the change. Keys are known before saving
/// because every table draws its ids from a hi/lo sequence.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor httpContextAccessor, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly HashSet<string> SecretProperties =
        [nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddAuditEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddAuditEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>The name recorded when no person is signed in (seeding, migrations, background work).</summary>
    public const string SystemUser = "system";

    private void AddAuditEntries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        var user = httpContextAccessor.HttpContext?.User.FindFirstValue(ClaimTypes.Name) ?? SystemUser;
        var now = clock.GetUtcNow();
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is not AuditEntry and not DataProtectionKey)
            .Where(e => !e.Metadata.IsOwned())
            .ToList();

        foreach (var entry in entries)
        {
            var changes = Changes(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            context.Add(new AuditEntry
            {
                EntityName = entry.Metadata.ClrType.Name,
                EntityKey = Key(entry),
                Action = entry.State.ToString(),
                Changes = JsonSerializer.Serialize(changes, JsonOptions),
                UserName = user,
                At = now,
            });
        }
    }

    private static string Key(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null
            ? ""
            : string.Join(",", key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static Dictionary<string, object?> Changes(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            if (property.Metadata.IsConcurrencyToken && property.Metadata.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never)
            {
                continue;
            }

            var name = property.Metadata.Name;
            var secret = SecretProperties.Contains(name);
            switch (entry.State)
            {
                case EntityState.Added when property.CurrentValue is not null:
                    changes[name] = new { New = secret ? "***" : AuditedValue.Of(property.CurrentValue) };
                    break;
                case EntityState.Deleted when property.OriginalValue is not null:
                    changes[name] = new { Old = secret ? "***" : AuditedValue.Of(property.OriginalValue) };
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[name] = secret ? new { Old = (object?)"***", New = (object?)"***" } : new { Old = AuditedValue.Of(property.OriginalValue), New = AuditedValue.Of(property.CurrentValue) };
                    break;
            }
        }

        foreach (var complex in entry.ComplexProperties)
        {
            Record(changes, entry.State, complex.Metadata.Name, complex.IsModified, () => ComplexValue(complex, original: true), () => ComplexValue(complex, original: false));
        }

        foreach (var collection in entry.ComplexCollections)
        {
            Record(changes, entry.State, collection.Metadata.Name, collection.IsModified, () => OriginalElements(entry, collection), () => CurrentElements(collection));
        }

        return changes;
    }

    /// <summary>A value object (EF complex type, kept as jsonb) changes as a whole: its old and new value, named as stored.</summary>
    private static void Record(Dictionary<string, object?> changes, EntityState state, string name, bool modified, Func<object?> original, Func<object?> current)
    {
        switch (state)
        {
            case EntityState.Added when current() is { } value:
                changes[name] = new { New = value };
                break;
            case EntityState.Deleted when original() is { } value:
                changes[name] = new { Old = value };
                break;
            case EntityState.Modified when modified:
                var (old, @new) = (original(), current());
                if (JsonSerializer.Serialize(old, JsonOptions) != JsonSerializer.Serialize(@new, JsonOptions))
                {
                    changes[name] = new { Old = old, New = @new };
                }

                break;
        }
    }

    private static Dictionary<string, object?>? ComplexValue(ComplexPropertyEntry complex, bool original)
    {
        var metadata = complex.Metadata;

        // An optional value object that was absent has every original member empty (EF keeps no original of the
        // object itself); only the aggregate's own optional value objects can be absent (none is nested in another).
        if (metadata.IsNullable && metadata.DeclaringType is Microsoft.EntityFrameworkCore.Metadata.IEntityType)
        {
            var isNull = original
                ? complex.Properties.All(p => p.OriginalValue is null || (p.Metadata.ClrType.IsValueType && p.OriginalValue.Equals(Activator.CreateInstance(p.Metadata.ClrType))))
                : metadata.GetGetter().GetClrValue(complex.EntityEntry.Entity) is null;
            if (isNull)
            {
                return null;
            }
        }

        return Values(complex.Properties, complex.ComplexProperties, original);
    }

    private static List<Dictionary<string, object?>>? OriginalElements(EntityEntry entry, ComplexCollectionEntry collection)
    {
        var elements = entry.OriginalValues[collection.Metadata];
        return elements is null
            ? null
            : [.. Enumerable.Range(0, elements.Count).Select(i => collection.GetOriginalEntry(i)).Select(e => Values(e.Properties, e.ComplexProperties, original: true))];
    }

    // By index: enumerating a ComplexCollectionEntry yields the elements of every complex collection of the entity (EF Core 10.0).
    private static List<Dictionary<string, object?>>? CurrentElements(ComplexCollectionEntry collection) =>
        collection.CurrentValue is not System.Collections.IList elements
            ? null
            : [.. Enumerable.Range(0, elements.Count).Select(i => collection[i]).Select(e => Values(e.Properties, e.ComplexProperties, original: false))];

    /// <summary>A complex value's members by their JSON names (large ones by reference, as for any column).</summary>
    private static Dictionary<string, object?> Values(IEnumerable<PropertyEntry> properties, IEnumerable<ComplexPropertyEntry> complexProperties, bool original)
    {
        var values = new Dictionary<string, object?>();
        foreach (var property in properties)
        {
            values[property.Metadata.GetJsonPropertyName() ?? property.Metadata.Name] = AuditedValue.Of(original ? property.OriginalValue : property.CurrentValue);
        }

        foreach (var complex in complexProperties)
        {
            values[complex.Metadata.GetJsonPropertyName() ?? complex.Metadata.Name] = ComplexValue(complex, original);
        }

        return values;
    }
}
