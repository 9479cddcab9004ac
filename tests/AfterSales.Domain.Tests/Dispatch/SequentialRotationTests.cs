using AfterSales.Domain.Dispatch;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AfterSales.Domain.Tests.Dispatch;

public class SequentialRotationTests
{
    private const string Washer = "WASHER";

    private static RotationCandidate Tech(int position, string skills = Washer, bool onLeave = false, int openJobs = 0, int limit = 5) =>
        new($"t{position}", $"Tech {position}", position, skills.Split(',').ToHashSet(), onLeave, false, openJobs, limit);

    private static string?[] Follow(int count) => new string?[count];

    [Fact]
    public void Each_ticket_of_the_list_goes_to_the_next_technician_in_turn()
    {
        var plan = SequentialRotation.Plan([Tech(1), Tech(2), Tech(3)], lastServedPosition: 1, Washer, Follow(4));

        Assert.Equal(["t2", "t3", "t1", "t2"], plan.Turns.Select(t => t.Chosen?.TechnicianId ?? "-").ToArray());
        Assert.Equal([1, 2, 3, 1], plan.Turns.Select(t => t.PointerBefore).ToArray());
        Assert.Equal(2, plan.FinalPointer);
        Assert.All(plan.Turns, t => Assert.False(t.IsOverride));
    }

    [Fact]
    public void The_plan_gives_the_same_technicians_as_dispatching_the_tickets_one_by_one()
    {
        var candidates = new List<RotationCandidate> { Tech(1, openJobs: 3, limit: 4), Tech(2, skills: "FRIDGE"), Tech(3, onLeave: true), Tech(4, openJobs: 1, limit: 2), Tech(5) };
        var plan = SequentialRotation.Plan(candidates, lastServedPosition: 0, Washer, Follow(6));

        var pointer = 0;
        var one = candidates.ToList();
        foreach (var turn in plan.Turns)
        {
            var suggestion = FairRotation.Suggest(one, pointer, Washer);
            Assert.Equal(suggestion.Chosen?.TechnicianId, turn.Chosen?.TechnicianId);
            Assert.Equal(suggestion.Skips.Select(s => s.Code), turn.Suggestion.Skips.Select(s => s.Code));
            if (suggestion.Chosen is { } chosen)
            {
                pointer = suggestion.NewPointer;
                one = [.. one.Select(c => c.TechnicianId == chosen.TechnicianId ? c with { OpenJobs = c.OpenJobs + 1 } : c)];
            }
        }
    }

    [Fact]
    public void A_technician_who_reaches_the_limit_inside_the_list_is_skipped_for_the_rest_of_it_with_the_reason()
    {
        var plan = SequentialRotation.Plan([Tech(1, openJobs: 1, limit: 2), Tech(2)], lastServedPosition: 0, Washer, Follow(3));

        Assert.Equal(["t1", "t2", "t2"], plan.Turns.Select(t => t.Chosen?.TechnicianId ?? "-").ToArray());
        var skip = Assert.Single(plan.Turns[2].Suggestion.Skips);
        Assert.Equal(("t1", "rotation.at_limit"), (skip.TechnicianId, skip.Code));
        Assert.Equal([2, 2], skip.Args.Cast<int>().ToArray());
        Assert.Equal(2, plan.Turns[2].Candidates.Single(c => c.TechnicianId == "t1").OpenJobs);
    }

    [Fact]
    public void When_everybody_is_at_the_limit_the_turn_has_no_suggestion_and_the_pointer_stays()
    {
        var plan = SequentialRotation.Plan([Tech(1, limit: 1), Tech(2, limit: 1)], lastServedPosition: 0, Washer, Follow(3));

        Assert.Equal(["t1", "t2", "-"], plan.Turns.Select(t => t.Chosen?.TechnicianId ?? "-").ToArray());
        Assert.Null(plan.Turns[2].Suggestion.Chosen);
        Assert.Equal(2, plan.FinalPointer);
    }

    [Fact]
    public void Choosing_someone_else_gives_them_the_job_but_not_the_turn()
    {
        var plan = SequentialRotation.Plan([Tech(1), Tech(2), Tech(3)], lastServedPosition: 0, Washer, [null, "t3", null]);

        Assert.Equal(["t1", "t3", "t2"], plan.Turns.Select(t => t.Chosen?.TechnicianId ?? "-").ToArray());
        Assert.True(plan.Turns[1].IsOverride);
        Assert.Equal("t2", plan.Turns[1].Suggestion.Chosen?.TechnicianId);
        Assert.Equal(1, plan.Turns[1].PointerAfter);
        Assert.Equal(1, plan.Turns[2].Candidates.Single(c => c.TechnicianId == "t3").OpenJobs);
        Assert.Equal(2, plan.FinalPointer);
    }

    [Fact]
    public void A_technician_at_the_limit_chosen_by_hand_is_marked_so_the_page_asks_for_a_reason()
    {
        var plan = SequentialRotation.Plan([Tech(1, openJobs: 2, limit: 2), Tech(2)], lastServedPosition: 0, Washer, ["t1"]);

        var turn = Assert.Single(plan.Turns);
        Assert.True(turn.IsOverride);
        Assert.True(turn.ChosenAtLimit);
        var error = Assert.Throws<DomainException>(() => FairRotation.EnsureChoiceExplained(turn.Suggestion, turn.Chosen!, null));
        Assert.Equal("dispatch.at_limit_reason_required", error.Code);
    }

    [Fact]
    public void Choosing_the_suggested_technician_by_name_is_not_an_override()
    {
        var plan = SequentialRotation.Plan([Tech(1), Tech(2)], lastServedPosition: 0, Washer, ["t1", "t2"]);

        Assert.All(plan.Turns, t => Assert.False(t.IsOverride));
        Assert.Equal(2, plan.FinalPointer);
    }

    [Fact]
    public void An_unknown_technician_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => SequentialRotation.Plan([Tech(1)], 0, Washer, ["nobody"]));
        Assert.Equal("dispatch.unknown_technician", error.Code);
    }

    [Fact]
    public void The_turn_remembers_who_served_before_it()
    {
        var plan = SequentialRotation.Plan([Tech(1), Tech(2)], lastServedPosition: 0, Washer, Follow(2));

        Assert.Null(plan.Turns[0].ServedBefore);
        Assert.Equal("t1", plan.Turns[1].ServedBefore?.TechnicianId);
    }

    public static TheoryData<string?[], string> FamilyRefusals => new()
    {
        { [], "dispatch.bulk_empty" },
        { ["AC", "FR"], "dispatch.mixed_families" },
        { ["AC", null], "rotation.skill_required" },
        { ["AC", " "], "rotation.skill_required" },
        { Enumerable.Repeat<string?>("AC", SequentialRotation.MaxTickets + 1).ToArray(), "dispatch.bulk_too_many" },
    };

    [Theory]
    [MemberData(nameof(FamilyRefusals))]
    public void A_list_is_dispatched_only_when_all_its_tickets_need_the_same_skill(string?[] skills, string code)
    {
        var error = Assert.Throws<DomainException>(() => SequentialRotation.SingleSkill(skills));
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Mixed_families_are_named_in_the_refusal()
    {
        var error = Assert.Throws<DomainException>(() => SequentialRotation.SingleSkill(["FR", "AC", "FR"]));
        Assert.Equal("AC, FR", error.Args[0]);
    }

    [Fact]
    public void One_family_gives_its_skill()
    {
        Assert.Equal("AC", SequentialRotation.SingleSkill(["AC", "AC"]));
    }

    [Property(MaxTest = 200)]
    public Property The_list_spreads_jobs_evenly_among_free_technicians(PositiveInt techCount, PositiveInt ticketCount)
    {
        var techs = Enumerable.Range(1, (techCount.Get % 8) + 1).Select(p => Tech(p, limit: 50)).ToList();
        var tickets = (ticketCount.Get % 40) + 1;
        var plan = SequentialRotation.Plan(techs, 0, Washer, Follow(tickets));
        var counts = techs.Select(t => plan.Turns.Count(x => x.Chosen?.TechnicianId == t.TechnicianId)).ToList();
        return (counts.Max() - counts.Min() <= 1 && counts.Sum() == tickets).ToProperty();
    }
}
