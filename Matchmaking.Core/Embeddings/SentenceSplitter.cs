using System.Text.RegularExpressions;

namespace Matchmaking.Core.Embeddings;

/// <summary>Splits profile texts into sentences, so the sentence that matches best can be shown as a reason.</summary>
public static partial class SentenceSplitter
{
    public const int MaxSentences = 40;
    private const int MinWords = 3;

    public static IReadOnlyList<string> Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var sentences = new List<string>();
        foreach (var piece in Boundary().Split(text))
        {
            var sentence = piece.Trim().TrimStart('-', '*', '•').Trim();
            if (sentence.Length == 0)
            {
                continue;
            }
            // Fragments ("e.g.", list stubs) read better joined to the sentence before them.
            if (sentences.Count > 0 && WordCount(sentence) < MinWords)
            {
                sentences[^1] = $"{sentences[^1]} {sentence}";
            }
            else if (sentences.Count < MaxSentences)
            {
                sentences.Add(sentence);
            }
            else
            {
                sentences[^1] = $"{sentences[^1]} {sentence}";
            }
        }
        return sentences;
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    // After . ! ? or ; followed by a space and a capital, digit or quote; or at line breaks.
    [GeneratedRegex(@"(?<=[.!?;])\s+(?=[\p{Lu}\d""“'(])|[\r\n]+")]
    private static partial Regex Boundary();
}
