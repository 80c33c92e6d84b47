using System.Diagnostics;
using System.Security.Cryptography;
using Basin.Crypto.Format;
using Basin.Crypto.Keys;
using Basin.Tensors;
using Basin.Tensors.IO;

namespace Basin.Fuzz.Tests;

/// <summary>Runs only where a 1 MiB tmpfs can be mounted (root, mount permitted); skipped otherwise.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/bin/mount")) { Skip = "needs root and mount (tmpfs) on Linux"; return; }
        string probe = Directory.CreateTempSubdirectory("basin-tmpfs-probe").FullName;
        try
        {
            if (DiskFullTests.Sh("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe) != 0) Skip = "mount -t tmpfs is not permitted here";
            else DiskFullTests.Sh("umount", probe);
        }
        finally { Directory.Delete(probe, true); }
    }
}

/// <summary>
/// Issue 28 §2, disk full: outputs written to a 1 MiB tmpfs that fills up give one IOException (the CLI's one error line)
/// and publish nothing — no partial output, no temporary file left.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly string _mount = Directory.CreateTempSubdirectory("basin-full").FullName;
    private readonly string _src = Directory.CreateTempSubdirectory("basin-full-src").FullName;
    private bool _mounted;

    internal static int Sh(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        return p.ExitCode;
    }

    public void Dispose()
    {
        if (_mounted) Sh("umount", _mount);
        Directory.Delete(_mount, true);
        Directory.Delete(_src, true);
    }

    private void Mount()
    {
        Assert.Equal(0, Sh("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", _mount));
        _mounted = true;
    }

    [TmpfsFact]
    public void EncryptingAndSavingOntoAFullDisk_ThrowIOException_AndPublishNothing()
    {
        Mount();
        var key = new CipherKey(RandomNumberGenerator.GetBytes(32), 8, RoundFunctionTrainer.Train(7, steps: 0));
        string plain = Path.Combine(_src, "plain.bin");
        File.WriteAllBytes(plain, RandomNumberGenerator.GetBytes(3 << 19));
        string ct = Path.Combine(_mount, "out.bct");
        Assert.ThrowsAny<IOException>(() => CipherStream.EncryptFile(key, plain, ct));
        Assert.Empty(Directory.GetFileSystemEntries(_mount));

        var big = new TensorBundle().Add("w", new Tensor<float>(512, 1024)); // 2 MiB
        string model = Path.Combine(_mount, "m.safetensors");
        Assert.ThrowsAny<IOException>(() => SafeTensors.Save(model, big));
        Assert.Empty(Directory.GetFileSystemEntries(_mount));

        var small = new TensorBundle().Add("w", new Tensor<float>(4, 4));
        SafeTensors.Save(model, small); // the disk is usable again: nothing was left behind
        Assert.Equal(16, SafeTensors.Load(model).GetFloat("w").Span.Length);
    }
}
