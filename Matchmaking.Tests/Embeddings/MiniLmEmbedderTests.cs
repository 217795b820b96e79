using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Matchmaking.Core.Embeddings;

namespace Matchmaking.Tests.Embeddings;

public sealed partial class MiniLmEmbedderTests
{
    [Test]
    [Platform(Exclude = "Win")]
    public void OnnxRuntimeTelemetryIsSwitchedOffWhereTheNativeLibraryLooks()
    {
        // CI exports the variable too; clear it so only the code under test can set it.
        _ = UnsetEnv(OnnxTelemetry.Variable);
        Assert.That(GetEnv(OnnxTelemetry.Variable), Is.EqualTo(IntPtr.Zero));

        OnnxTelemetry.Disable();

        Assert.That(Marshal.PtrToStringUTF8(GetEnv(OnnxTelemetry.Variable)), Is.EqualTo("1"));
    }

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnv(string name);

    [LibraryImport("libc", EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetEnv(string name);

    [Test]
    public void VectorsAreNormalisedAnd384Wide()
    {
        var vectors = SharedEmbedder.Instance.Embed(["Cold rooms for fruit.", "A longer sentence about predictive maintenance of milling machines in a flour mill."]);

        Assert.That(vectors, Has.Length.EqualTo(2));
        Assert.That(vectors.Select(v => v.Length), Is.All.EqualTo(384));
        Assert.That(vectors.Select(v => TensorPrimitives.Norm(v)), Is.All.EqualTo(1f).Within(1e-4f));
    }

    [Test]
    public void ANeedInPlainWordsIsCloserToTheOfferThatSolvesItThanToUnrelatedOffers()
    {
        const string need = "Our cows fall ill before anyone notices, and milk output drops for days.";
        string[] offers =
        [
            "Neck collars that alert the farmer on early signs of illness in cattle.",
            "A booking engine with channel manager for rural hotels.",
            "Route planning software for parcel delivery vans.",
            "Laser cutting of sheet metal parts on demand.",
        ];

        var vectors = SharedEmbedder.Instance.Embed([need, .. offers]);
        var similarities = offers.Select((_, i) => TensorPrimitives.Dot(vectors[0], vectors[i + 1])).ToArray();

        Assert.That(similarities[0], Is.GreaterThan(similarities.Skip(1).Max() + 0.1f), string.Join(", ", similarities));
    }

    [Test]
    public void BatchingAndOrderDoNotChangeAVector()
    {
        string[] texts = ["Short one.", "A much longer text that pads the batch with many more tokens than the first one has.", "Medium length sentence here."];

        var together = SharedEmbedder.Instance.Embed(texts);
        var alone = texts.Select(t => SharedEmbedder.Instance.Embed([t])[0]).ToArray();

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.That(TensorPrimitives.CosineSimilarity(together[i], alone[i]), Is.EqualTo(1f).Within(1e-5f));
        }
    }

    [Test]
    public void TextsLongerThanTheModelAreCutNotRejected()
    {
        var tokens = SharedEmbedder.Instance.Tokenize(string.Join(' ', Enumerable.Repeat("sawmill", 600)));

        Assert.That(tokens, Has.Length.EqualTo(256));
        Assert.That(SharedEmbedder.Instance.Embed([string.Join(' ', Enumerable.Repeat("sawmill", 600))])[0], Has.Length.EqualTo(384));
    }
}
