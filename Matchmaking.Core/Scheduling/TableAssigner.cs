namespace Matchmaking.Core.Scheduling;

/// <summary>Gives every placed meeting a table: hosts keep theirs, the others take free tables, lowest number first.</summary>
public static class TableAssigner
{
    /// <param name="problem">The problem the slots solve.</param>
    /// <param name="slots">Each meeting's slot.</param>
    /// <param name="preferred">A table to keep where it is free (the previous version's), or 0.</param>
    public static int[] Assign(ScheduleProblem problem, IReadOnlyList<int> slots, IReadOnlyList<int>? preferred = null)
    {
        var tables = new int[slots.Count];
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
            var next = 1;
            foreach (var m in here.Where(m => tables[m] == 0))
            {
                while (taken.Contains(next))
                {
                    next++;
                }
                tables[m] = next;
                taken.Add(next);
            }
        }
        return tables;
    }
}
