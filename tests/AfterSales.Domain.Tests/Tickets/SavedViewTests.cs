using AfterSales.Domain;
using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Tests.Tickets;

public sealed class SavedViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
    private static readonly ViewActor Desk = new("desk", MayShare: false, IsManager: false);
    private static readonly ViewActor Dispatcher = new("dispatch", MayShare: true, IsManager: false);
    private static readonly ViewActor Manager = new("manager", MayShare: true, IsManager: true);

    private static SavedView ViewOf(ViewActor owner, bool share = false) =>
        SavedView.Create(owner, "待派工", new TicketListFilter(Status: TicketStatus.New), share, 0, Now);

    [Theory]
    [InlineData("", "view.name_required")]
    [InlineData("   ", "view.name_required")]
    [InlineData("a\u0001b", "view.name_invalid")]
    [InlineData("漏水\u202E工单", "view.name_invalid")]
    [InlineData("零宽\u200B空格", "view.name_invalid")]
    [InlineData("两行\u2028名称", "view.name_invalid")]
    [InlineData("tab\tname", "view.name_invalid")]
    public void A_name_that_is_blank_or_hides_characters_is_refused(string name, string code)
    {
        var error = Assert.Throws<DomainException>(() => SavedView.CheckName(name));
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void A_name_with_a_broken_surrogate_is_refused()
    {
        var broken = new string(['坏', '\uD800', '名']);
        Assert.Equal("view.name_invalid", Assert.Throws<DomainException>(() => SavedView.CheckName(broken)).Code);
    }

    [Fact]
    public void A_name_is_trimmed_and_counted_in_characters_not_bytes()
    {
        Assert.Equal("今日紧急", SavedView.CheckName("  今日紧急 "));
        Assert.Equal(new string('修', SavedView.NameMaxLength), SavedView.CheckName(new string('修', SavedView.NameMaxLength)));
        Assert.Equal("🔧工单", SavedView.CheckName("🔧工单"));
        var error = Assert.Throws<DomainException>(() => SavedView.CheckName(new string('修', SavedView.NameMaxLength + 1)));
        Assert.Equal("view.name_too_long", error.Code);
    }

    [Fact]
    public void Only_a_dispatcher_or_a_manager_shares_a_view()
    {
        Assert.Equal("view.share_denied", Assert.Throws<DomainException>(() => ViewOf(Desk, share: true)).Code);
        Assert.True(ViewOf(Dispatcher, share: true).IsShared);
        Assert.True(ViewOf(Manager, share: true).IsShared);

        var mine = ViewOf(Desk);
        Assert.Equal("view.share_denied", Assert.Throws<DomainException>(() => mine.SetShared(Desk, true, Now)).Code);
    }

    [Fact]
    public void Only_the_owner_changes_a_private_view_and_a_manager_also_looks_after_shared_ones()
    {
        var own = ViewOf(Dispatcher);
        Assert.False(own.IsVisibleTo(Desk.UserId));
        Assert.Equal("view.not_yours", Assert.Throws<DomainException>(() => own.Rename(Manager, "x", Now)).Code);
        Assert.Equal("view.not_yours", Assert.Throws<DomainException>(() => own.EnsureMayDelete(Desk)).Code);

        var shared = ViewOf(Dispatcher, share: true);
        Assert.True(shared.IsVisibleTo(Desk.UserId));
        Assert.Equal("view.not_yours", Assert.Throws<DomainException>(() => shared.EnsureMayDelete(Desk)).Code);
        Assert.Equal("view.not_yours", Assert.Throws<DomainException>(() => shared.UpdateFilter(Desk, new TicketListFilter(), Now)).Code);
        shared.Rename(Manager, "团队：待派工", Now);
        shared.EnsureMayDelete(Manager);
        Assert.Equal("view.share_denied", Assert.Throws<DomainException>(() => shared.SetShared(Manager, true, Now)).Code);
        shared.SetShared(Manager, false, Now);
        Assert.False(shared.IsShared);
        Assert.False(shared.MayChange(Manager));
    }

    [Fact]
    public void A_user_keeps_a_limited_number_of_views()
    {
        SavedView.Create(Desk, "v", new TicketListFilter(), false, SavedView.MaxPerOwner - 1, Now);
        var error = Assert.Throws<DomainException>(() => SavedView.Create(Desk, "v", new TicketListFilter(), false, SavedView.MaxPerOwner, Now));
        Assert.Equal("view.too_many", error.Code);
    }

    [Fact]
    public void A_view_keeps_only_filters_the_list_accepts()
    {
        Assert.Equal("view.filter_invalid", Assert.Throws<DomainException>(() => SavedView.Create(Desk, "v", new TicketListFilter(Q: new string('漏', 101)), false, 0, Now)).Code);
        Assert.Equal("view.filter_invalid", Assert.Throws<DomainException>(() => SavedView.Create(Desk, "v", new TicketListFilter(Q: "a\u0000b"), false, 0, Now)).Code);
        Assert.Equal("view.filter_range", Assert.Throws<DomainException>(() => SavedView.Create(Desk, "v", new TicketListFilter(From: new DateOnly(2026, 2, 1), To: new DateOnly(2026, 1, 1)), false, 0, Now)).Code);

        Assert.Equal("view.filter_invalid", Assert.Throws<DomainException>(() => SavedView.Create(Desk, "v", new TicketListFilter(Category: new string('A', 33)), false, 0, Now)).Code);
        Assert.Equal("view.filter_invalid", Assert.Throws<DomainException>(() => SavedView.Create(Desk, "v", new TicketListFilter(Category: "A\u202EC"), false, 0, Now)).Code);

        var view = SavedView.Create(Desk, "v", new TicketListFilter(Q: "  漏水 ", Assignee: "", Category: " AC "), false, 0, Now);
        Assert.Equal(new TicketListFilter(Q: "漏水", Category: "AC"), view.Filter);
    }
}
