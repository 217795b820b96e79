using Matchmaking.Core.Scheduling;

namespace Matchmaking.Tests.Scheduling;

public sealed class TableAssignerTests
{
    [Test]
    public void AHostsTableStaysFreeWhileOtherTablesAre()
    {
        // Participant 0 hosts table 1 and is idle in slot 1, where two other meetings take place; three tables.
        var all = 0b11UL;
        var problem = new ScheduleProblem(2, 3, new ulong[5],
            [new MeetingSpec(0, 1, all), new MeetingSpec(2, 3, all), new MeetingSpec(3, 4, all)], [], [1, 0, 0, 0, 0]);

        var tables = TableAssigner.Assign(problem, [0, 0, 1]);

        Assert.That(tables[0], Is.EqualTo(1), "the host keeps its table");
        Assert.That(tables[1], Is.EqualTo(2));
        Assert.That(tables[2], Is.EqualTo(2), "table 1 is the host's: the lowest other free table is taken");
    }

    [Test]
    public void AHostsTableIsUsedWhenEveryOtherTableIsTaken()
    {
        var all = 0b1UL;
        var problem = new ScheduleProblem(1, 2, new ulong[5], [new MeetingSpec(1, 2, all), new MeetingSpec(3, 4, all)], [], [1, 0, 0, 0, 0]);

        var tables = TableAssigner.Assign(problem, [0, 0]);

        Assert.That(tables, Is.EquivalentTo(new[] { 1, 2 }));
        Assert.That(ScheduleChecker.Violations(problem, [new Placement(0, tables[0]), new Placement(0, tables[1])]), Is.Empty);
    }
}
