using AfterSales.Domain.Dispatch;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AfterSales.Domain.Tests.Dispatch;

public class FairRotationTests
{
    private const string Washer = "WASHER";

    private static RotationCandidate Tech(
        int position,
        string skills = Washer,
        bool onLeave = false,
        bool offDuty = false,
        int openJobs = 0,
        int limit = 5) =>
        new($"t{position}", $"Tech {position}", position, skills.Split(',').ToHashSet(), onLeave, offDuty, openJobs, limit);

    [Fact]
    public void The_turn_goes_to_the_technician_after_the_pointer()
    {
        var result = FairRotation.Suggest([Tech(1), Tech(2), Tech(3)], lastServedPosition: 1, Washer);

        Assert.Equal("t2", result.Chosen?.TechnicianId);
        Assert.Empty(result.Skips);
        Assert.Equal(2, result.NewPointer);
    }

    [Fact]
    public void The_rotation_wraps_around_after_the_last_position()
    {
        var result = FairRotation.Suggest([Tech(30), Tech(10), Tech(20)], lastServedPosition: 30, Washer);

        Assert.Equal("t10", result.Chosen?.TechnicianId);
        Assert.Equal(10, result.NewPointer);
    }

    [Fact]
    public void A_pointer_outside_the_positions_starts_at_the_next_higher_position()
    {
        Assert.Equal("t1", FairRotation.Suggest([Tech(1), Tech(2)], lastServedPosition: 0, Washer).Chosen?.TechnicianId);
        Assert.Equal("t1", FairRotation.Suggest([Tech(1), Tech(2)], lastServedPosition: 99, Washer).Chosen?.TechnicianId);
        Assert.Equal("t5", FairRotation.Suggest([Tech(1), Tech(5)], lastServedPosition: 3, Washer).Chosen?.TechnicianId);
    }

    public static TheoryData<RotationCandidate, string, string> SkipCases => new()
    {
        { Tech(2, skills: "FRIDGE"), "rotation.no_skill", "does not have the skill for WASHER" },
        { Tech(2, onLeave: true), "rotation.on_leave", "is on leave" },
        { Tech(2, offDuty: true), "rotation.off_duty", "is off duty" },
        { Tech(2, openJobs: 5, limit: 5), "rotation.at_limit", "already has 5 of 5 open jobs" },
        { Tech(2, openJobs: 7, limit: 5), "rotation.at_limit", "already has 7 of 5 open jobs" },
        { Tech(2, skills: "FRIDGE", onLeave: true, openJobs: 5), "rotation.no_skill", "does not have the skill for WASHER" },
    };

    [Theory]
    [MemberData(nameof(SkipCases))]
    public void A_technician_who_cannot_take_the_job_is_skipped_with_a_reason(RotationCandidate next, string code, string reason)
    {
        var result = FairRotation.Suggest([Tech(1), next, Tech(3)], lastServedPosition: 1, Washer);

        Assert.Equal("t3", result.Chosen?.TechnicianId);
        var skip = Assert.Single(result.Skips);
        Assert.Equal(("t2", code, reason), (skip.TechnicianId, skip.Code, skip.Reason));
        Assert.Equal(3, result.NewPointer);
    }

    [Fact]
    public void The_at_limit_reason_carries_its_numbers_for_translation()
    {
        var result = FairRotation.Suggest([Tech(1, openJobs: 4, limit: 4), Tech(2)], lastServedPosition: 2, Washer);

        Assert.Equal([4, 4], result.Skips.Single().Args);
    }

    [Fact]
    public void Skipped_technicians_lose_their_turn_and_the_pointer_moves_to_the_chosen_one()
    {
        var team = new List<RotationCandidate> { Tech(1), Tech(2, onLeave: true), Tech(3) };

        var first = FairRotation.Suggest(team, lastServedPosition: 1, Washer);
        team[1] = Tech(2); // back from leave
        var second = FairRotation.Suggest(team, first.NewPointer, Washer);

        Assert.Equal("t3", first.Chosen?.TechnicianId);
        Assert.Equal("t1", second.Chosen?.TechnicianId); // not t2: their turn passed on
    }

    [Fact]
    public void When_nobody_qualifies_there_is_no_choice_every_skip_is_listed_and_the_pointer_stays()
    {
        var team = new[] { Tech(1, onLeave: true), Tech(2, skills: "FRIDGE"), Tech(3, openJobs: 5) };

        var result = FairRotation.Suggest(team, lastServedPosition: 2, Washer);

        Assert.Null(result.Chosen);
        Assert.Equal(["t3", "t1", "t2"], result.Skips.Select(s => s.TechnicianId));
        Assert.Equal(["rotation.at_limit", "rotation.on_leave", "rotation.no_skill"], result.Skips.Select(s => s.Code));
        Assert.Equal(2, result.NewPointer);
    }

    [Fact]
    public void The_technician_served_last_can_be_chosen_again_when_nobody_else_qualifies()
    {
        var result = FairRotation.Suggest([Tech(1), Tech(2, offDuty: true)], lastServedPosition: 1, Washer);

        Assert.Equal("t1", result.Chosen?.TechnicianId);
        Assert.Equal("t2", Assert.Single(result.Skips).TechnicianId);
    }

    [Fact]
    public void An_empty_rotation_suggests_nobody()
    {
        var result = FairRotation.Suggest([], lastServedPosition: 4, Washer);

        Assert.Null(result.Chosen);
        Assert.Empty(result.Skips);
        Assert.Equal(4, result.NewPointer);
    }

    [Fact]
    public void Two_technicians_on_one_position_are_refused()
    {
        var ex = Assert.Throws<DomainException>(() => FairRotation.Suggest([Tech(1), Tech(1) with { TechnicianId = "x" }], 0, Washer));
        Assert.Equal("rotation.duplicate_position", ex.Code);
    }

    [Fact]
    public void A_job_without_a_product_category_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => FairRotation.Suggest([Tech(1)], 0, " "));
        Assert.Equal("rotation.skill_required", ex.Code);
    }

    private static readonly Arbitrary<(int[] Positions, int Start, int Rounds)> Teams =
        (from positions in Gen.Choose(-20, 200).ListOf().Select(p => p.Distinct().ToArray()).Where(p => p.Length > 0)
         from start in Gen.Choose(-30, 220)
         from rounds in Gen.Choose(1, 6)
         select (positions, start, rounds)).ToArbitrary();

    [Property]
    public Property With_everyone_available_each_technician_gets_exactly_k_turns_in_k_rounds() =>
        Prop.ForAll(Teams, team =>
        {
            var candidates = team.Positions.Select(p => Tech(p)).ToList();
            var turns = candidates.ToDictionary(c => c.TechnicianId, _ => 0);
            var pointer = team.Start;

            for (var i = 0; i < team.Rounds * candidates.Count; i++)
            {
                var suggestion = FairRotation.Suggest(candidates, pointer, Washer);
                turns[suggestion.Chosen!.TechnicianId]++;
                pointer = suggestion.NewPointer;
            }

            return turns.Values.All(count => count == team.Rounds);
        });

    [Property]
    public Property The_chosen_technician_always_qualifies_and_every_skip_is_before_them_in_rotation_order() =>
        Prop.ForAll(
            (from flags in Gen.Choose(0, 4).ListOf()
             from start in Gen.Choose(0, 30)
             select (flags.ToArray(), start)).ToArbitrary(),
            x =>
            {
                var candidates = x.Item1.Select((flag, i) => Tech(
                    i,
                    skills: flag == 1 ? "FRIDGE" : Washer,
                    onLeave: flag == 2,
                    offDuty: flag == 3,
                    openJobs: flag == 4 ? 5 : 0)).ToList();

                var result = FairRotation.Suggest(candidates, x.start, Washer);
                var qualified = x.Item1.Count(flag => flag == 0);

                return result.Chosen is null
                    ? qualified == 0 && result.Skips.Count == candidates.Count
                    : x.Item1[result.Chosen.Position] == 0 && result.Skips.All(s => x.Item1[s.Position] != 0);
            });
}
