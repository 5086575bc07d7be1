using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Tests.Inventory;

/// <summary>
/// The compiled list queries return exactly what the LINQ query returns — the same rows in the same order, the same
/// total — for every sort, direction, filter and page.
/// </summary>
public class CompiledWorkflowListTests(CompiledWorkflowListTests.Inventory inventory) : IClassFixture<CompiledWorkflowListTests.Inventory>
{
    public static TheoryData<WorkflowSort, bool> Sorts()
    {
        var data = new TheoryData<WorkflowSort, bool>();
        foreach (var sort in Enum.GetValues<WorkflowSort>())
        {
            data.Add(sort, false);
            data.Add(sort, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Every_filter_and_page_gives_the_rows_and_total_of_the_LINQ_query(WorkflowSort sort, bool descending)
    {
        var (first, second) = (inventory.Departments[0], inventory.Departments[1]);
        WorkflowListQuery[] filters =
        [
            new(),
            new(IncludeRetired: true),
            new(DepartmentId: first),
            new(DepartmentId: second, IncludeRetired: true),
            new(Status: WorkflowStatus.Submitted),
            new(Status: WorkflowStatus.Retired),
            new(Stage: LifecycleStage.Production),
            new(ClassificationId: inventory.Confidential),
            new(DepartmentId: first, Status: WorkflowStatus.Approved, Stage: LifecycleStage.Production),
            new(DepartmentId: second, ClassificationId: inventory.Confidential, IncludeRetired: true),
            new(DepartmentId: -1),
        ];
        (int Skip, int Take)[] pages = [(0, 50), (0, 0), (37, 25), (-5, 10), (10, 1000), (5000, 50)];

        var compared = 0;
        foreach (var filter in filters)
        {
            foreach (var (skip, take) in pages)
            {
                var query = filter with { Sort = sort, Descending = descending, Skip = skip, Take = take };
                await using var db = await inventory.Services.DbAsync();
                var linq = await WorkflowInventory.ListWithLinqAsync(db, query, CancellationToken.None);
                var compiled = await CompiledWorkflowList.ListAsync(db, query, CancellationToken.None);

                Assert.True(linq.Total == compiled.Total, $"{query}: total {compiled.Total}, LINQ {linq.Total}");
                Assert.True(linq.Items.SequenceEqual(compiled.Items),
                    $"{query}: ids {Ids(compiled)}, LINQ {Ids(linq)}");
                compared += linq.Items.Count;
            }
        }
        Assert.True(compared > 1000, "The filters should select enough rows to compare.");
    }

    [Fact]
    public async Task A_search_is_left_to_the_LINQ_query()
    {
        await using var db = await inventory.Services.DbAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            CompiledWorkflowList.ListAsync(db, new WorkflowListQuery(Search: "invoice"), CancellationToken.None));
    }

    private static string Ids(Page<WorkflowListItem> page) => string.Join(',', page.Items.Select(i => i.Id));

    /// <summary>
    /// A few hundred generated workflows in three departments (every status, stage and level; with and without owner
    /// and review date), plus rows that tie on every sort column, so the tie-breaking order is compared too.
    /// </summary>
    public sealed class Inventory : IAsyncLifetime
    {
        public TestServices Services { get; private set; } = null!;
        public int[] Departments { get; private set; } = [];
        public int Confidential { get; private set; }

        public async Task InitializeAsync()
        {
            Services = await new TestServices().InitializeAsync();
            Departments = [await Services.AddDepartmentAsync("Finance"), await Services.AddDepartmentAsync("Marketing"),
                await Services.AddDepartmentAsync("Engineering")];
            Confidential = await Services.ClassificationIdAsync("Confidential");
            await Services.CreateUserAsync("Olga Owner", Roles.Manager, Departments[0]);
            await Services.CreateUserAsync("Otto Owner", Roles.Manager, Departments[1]);
            await using (var db = await Services.DbAsync())
            {
                await WorkflowGenerator.GenerateAsync(db, 600, new DateOnly(2026, 11, 22));
            }
            // Same name (and every other column) in two departments, names that differ only in case.
            await Services.AddWorkflowsAsync(
                from name in new[] { "Twin", "Twin", "Twin", "twin", "TWIN" }
                from department in Departments.Take(2)
                select new Workflow
                {
                    Name = name, DepartmentId = department, Purpose = "Ties on every sort column", DataClassificationId = Confidential,
                    Status = WorkflowStatus.Submitted, Stage = LifecycleStage.Production, Oversight = HumanOversight.ReviewBeforeUse,
                    ApprovingRole = "Team lead", Version = 1,
                });
        }

        public async Task DisposeAsync() => await Services.DisposeAsync();
    }
}
