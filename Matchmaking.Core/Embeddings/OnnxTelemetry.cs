using System.Runtime.InteropServices;

namespace Matchmaking.Core.Embeddings;

/// <summary>Keeps ONNX Runtime from sending telemetry (on Linux it looks up its servers soon after the first session).</summary>
public static partial class OnnxTelemetry
{
    public const string Variable = "ORT_DISABLE_TELEMETRY";

    /// <summary>
    /// Sets ORT_DISABLE_TELEMETRY=1 where the native library reads it. On Unix, Environment.SetEnvironmentVariable only
    /// changes .NET's own copy of the environment, so the C library's setenv is called as well.
    /// </summary>
    public static void Disable()
    {
        Environment.SetEnvironmentVariable(Variable, "1");
        if (!OperatingSystem.IsWindows())
        {
            _ = SetEnv(Variable, "1", 1);
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
