using AfterSales.Domain;
using AfterSales.Domain.Dispatch;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Changes;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Technicians;

/// <summary>One technician's dispatch profile: rotation position (unique), skills (product categories), open-job limit, hourly rate.</summary>
public sealed class EditModel(AfterSalesDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Command
    {
        public uint Version { get; init; }

        public int? Position { get; init; }

        public List<string> Skills { get; init; } = [];

        public int? OpenJobLimit { get; init; }

        public decimal? HourlyRate { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Position).NotNull().WithMessage(_ => l["Validation.Required"]).InclusiveBetween(1, 10_000).WithMessage(_ => l["Dispatch.Technicians.Between", 1, 10_000]);
            RuleFor(c => c.OpenJobLimit).NotNull().WithMessage(_ => l["Validation.Required"]).InclusiveBetween(1, 50).WithMessage(_ => l["Dispatch.Technicians.Between", 1, 50]);
            RuleFor(c => c.HourlyRate).NotNull().WithMessage(_ => l["Validation.Required"]).InclusiveBetween(0, 10_000).WithMessage(_ => l["Dispatch.Technicians.Between", 0, 10_000]);
            RuleFor(c => c.Skills).Must(s => s.Count <= 20).WithMessage(_ => l["Dispatch.Technicians.UnknownSkill"]);
        }
    }

    public sealed record CategoryOption(string Code, string Name);

    public string Name { get; private set; } = "";

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    [BindProperty]
    public Command Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var profile = await db.TechnicianProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.TechnicianId == id, cancellationToken);
        if (profile is null)
        {
            return NotFound();
        }

        Input = new Command { Version = profile.Version, Position = profile.Position, Skills = [.. profile.Skills], OpenJobLimit = profile.OpenJobLimit, HourlyRate = profile.HourlyRate };
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await db.TechnicianProfiles.AnyAsync(p => p.TechnicianId == id, cancellationToken))
        {
            return NotFound();
        }

        await LoadAsync(id, cancellationToken);
        var known = Categories.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        if (ModelState.IsValid && Input.Skills.Any(s => !known.Contains(s)))
        {
            ModelState.AddModelError("Input.Skills", l["Dispatch.Technicians.UnknownSkill"]);
        }
        else if (ModelState.IsValid && await db.TechnicianProfiles.AnyAsync(p => p.TechnicianId != id && p.Position == Input.Position, cancellationToken))
        {
            // Two technicians in one place would stop the rotation (rotation.duplicate_position).
            ModelState.AddModelError("Input.Position", l["Dispatch.Technicians.PositionTaken", Input.Position!.Value]);
        }

        return await this.Change(db.TechnicianProfiles.Where(p => p.TechnicianId == id), Input.Version)
            .ConflictSays(theirs =>
            {
                var current = theirs.As<TechnicianProfile>();
                Input = Input with { Version = current.Version };
                ModelState.Remove("Input.Version");
                return l["Dispatch.Technicians.ChangedMeanwhile", current.Position, string.Join(" ", current.Skills), current.OpenJobLimit, current.HourlyRate];
            })
            .Done(_ => RedirectToPage("/Technicians/Index"))
            .RunAsync(profile =>
            {
                profile.Update(Input.Position!.Value, Input.Skills, Input.OpenJobLimit!.Value, Input.HourlyRate!.Value);
                return l["Dispatch.Technicians.Saved"];
            }, cancellationToken);
    }

    private async Task LoadAsync(string id, CancellationToken cancellationToken)
    {
        Name = await db.Users.Where(u => u.Id == id).Select(u => u.FullName + " (" + u.UserName + ")").FirstAsync(cancellationToken);
        Categories = await db.ProductCategories.AsNoTracking().OrderBy(c => c.Code).Select(c => new CategoryOption(c.Code, c.Name)).ToListAsync(cancellationToken);
    }
}
