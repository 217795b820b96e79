namespace Matchmaking.Core.Scheduling;

/// <summary>
/// Gives every placed meeting a table: hosts keep theirs, the others take free tables, lowest number first, and a
/// host's table (an exhibitor's booth) only when every other table is taken in that slot.
/// </summary>
public static class TableAssigner
{
    /// <param name="problem">The problem the slots solve.</param>
    /// <param name="slots">Each meeting's slot.</param>
    /// <param name="preferred">A table to keep where it is free (the previous version's), or 0.</param>
    public static int[] Assign(ScheduleProblem problem, IReadOnlyList<int> slots, IReadOnlyList<int>? preferred = null)
    {
        var tables = new int[slots.Count];
        var hosted = problem.HostTables.Where(t => t > 0).ToHashSet();
        // Free tables in the order they are handed out: tables nobody hosts first.
        var order = Enumerable.Range(1, problem.Tables).OrderBy(t => hosted.Contains(t)).ThenBy(t => t).ToList();
        foreach (var slot in slots.Distinct())
        {
            var here = Enumerable.Range(0, slots.Count).Where(m => slots[m] == slot).ToList();
            var taken = new HashSet<int>();
            foreach (var m in here.Where(m => problem.RequiredTable(m) > 0))
            {
                tables[m] = problem.RequiredTable(m);
                taken.Add(tables[m]);
            }
            foreach (var m in here.Where(m => problem.RequiredTable(m) == 0 && preferred is not null && preferred[m] > 0))
            {
                if (preferred![m] <= problem.Tables && taken.Add(preferred[m]))
                {
                    tables[m] = preferred[m];
                }
            }
            var next = 0;
            foreach (var m in here.Where(m => tables[m] == 0))
            {
                while (next < order.Count && taken.Contains(order[next]))
                {
                    next++;
                }
                // More meetings than tables cannot happen for a checked slot assignment; numbering on keeps it visible.
                tables[m] = next < order.Count ? order[next] : problem.Tables + 1 + next - order.Count;
                taken.Add(tables[m]);
                next++;
            }
        }
        return tables;
    }
}
