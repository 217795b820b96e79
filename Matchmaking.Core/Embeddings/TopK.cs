namespace Matchmaking.Core.Embeddings;

/// <summary>The k best of many scored items with a bounded min-heap: O(n log k), no full sort.</summary>
public sealed class TopK<T>(int k)
{
    private readonly PriorityQueue<T, float> _heap = new(k + 1);

    public int Capacity => k;

    /// <summary>The lowest score kept so far once full; below it an item cannot enter.</summary>
    public float Threshold => _heap.Count < k ? float.NegativeInfinity : _heap.TryPeek(out _, out var lowest) ? lowest : float.NegativeInfinity;

    public void Add(T item, float score)
    {
        if (k <= 0)
        {
            return;
        }
        if (_heap.Count < k)
        {
            _heap.Enqueue(item, score);
        }
        else if (score > Threshold)
        {
            _heap.EnqueueDequeue(item, score);
        }
    }

    /// <summary>The kept items, best first.</summary>
    public List<(T Item, float Score)> ToList()
    {
        var items = _heap.UnorderedItems.Select(e => (e.Element, e.Priority)).ToList();
        items.Sort((a, b) => b.Priority.CompareTo(a.Priority));
        return items;
    }
}
