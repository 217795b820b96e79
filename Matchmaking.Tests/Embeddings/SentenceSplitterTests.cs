using Matchmaking.Core.Embeddings;

namespace Matchmaking.Tests.Embeddings;

public sealed class SentenceSplitterTests
{
    [Test]
    public void TextIsSplitAtSentenceEndsAndLineBreaks()
    {
        var sentences = SentenceSplitter.Split("We press olives in Jaén. Our paste overheats in summer!\nWe also sell soap; it is made on site.");

        Assert.That(sentences, Is.EqualTo(new[] { "We press olives in Jaén.", "Our paste overheats in summer!", "We also sell soap;", "it is made on site." }).Or
            .EqualTo(new[] { "We press olives in Jaén.", "Our paste overheats in summer!", "We also sell soap; it is made on site." }));
    }

    [Test]
    public void AbbreviationsAndShortFragmentsStayWithTheirSentence()
    {
        var sentences = SentenceSplitter.Split("We need help with e.g. cooling and so on. Thanks.");

        Assert.That(sentences, Has.Count.EqualTo(1));
        Assert.That(sentences[0], Does.EndWith("Thanks."));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void BlankTextHasNoSentences(string? text) => Assert.That(SentenceSplitter.Split(text), Is.Empty);
}
