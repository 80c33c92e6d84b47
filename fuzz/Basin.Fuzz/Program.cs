using Basin.Fuzz;
using SharpFuzz;

// Basin.Fuzz: coverage-guided fuzzing of Basin's readers (issue 28 §1). Usage:
//   Basin.Fuzz list                         the targets
//   Basin.Fuzz seeds TARGET DIR             write the target's valid seed files to DIR
//   Basin.Fuzz run TARGET                   the AFL++ loop (start it under afl-fuzz; see fuzz/run.sh)
//   Basin.Fuzz replay TARGET FILE|DIR…      check the contract on files, print each outcome; exit 1 on a violation
//   Basin.Fuzz kill9 [--kills N] [--seed S] [--work DIR] [COMMAND…]   SIGKILL campaign (COMMAND: sanode-train, crypto-encrypt, …)
//   Basin.Fuzz keys DIR                     write the fixed cipher and obfuscation keys (tests/fuzz/keys, once)
static int Usage()
{
    Console.Error.WriteLine("usage: Basin.Fuzz list | keys DIR | kill9 [--kills N] [COMMAND...] | seeds TARGET DIR | run TARGET | replay TARGET FILE|DIR...");
    return 2;
}

if (args.Length == 0) return Usage();
try
{
    switch (args[0])
    {
        case "list":
            foreach (var t in FuzzCatalogue.All) Console.WriteLine($"{t.Name,-18} {t.Description}");
            return 0;
        case "seeds" when args.Length == 3:
        {
            var t = FuzzCatalogue.Find(args[1]);
            Directory.CreateDirectory(args[2]);
            foreach (var (name, bytes) in t.Seeds())
            {
                FuzzInvariant.Check(t, bytes);
                File.WriteAllBytes(Path.Combine(args[2], name), bytes);
            }
            return 0;
        }
        case "keys" when args.Length == 2:
            Directory.CreateDirectory(args[1]);
            new Basin.Crypto.Keys.CipherKey(System.Security.Cryptography.SHA256.HashData("basin fuzz cipher key"u8), 8,
                Basin.Crypto.Keys.RoundFunctionTrainer.Train(7, steps: 0)).Save(Path.Combine(args[1], "cipher.key"));
            Basin.Obfuscation.Transform.KeyFile.Save(Basin.Obfuscation.Transform.ObfuscationKey.Generate(8, 1, 0, 1,
                new Basin.Obfuscation.Transform.CouplingOptions(Block: 8, Hidden: 8, CouplingLayers: 2, TrainSteps: 10, Batch: 16),
                System.Security.Cryptography.SHA256.HashData("basin fuzz obfuscation key"u8)), Path.Combine(args[1], "obfuscation.key"));
            return 0;
        case "kill9":
        {
            var o = new Basin.Fuzz.Crash.KillCampaignOptions();
            var only = new List<string>();
            for (int i = 1; i < args.Length; i++)
            {
                if (args[i] == "--kills" && i + 1 < args.Length) o = o with { Kills = int.Parse(args[++i]) };
                else if (args[i] == "--seed" && i + 1 < args.Length) o = o with { Seed = int.Parse(args[++i]) };
                else if (args[i] == "--work" && i + 1 < args.Length) o = o with { WorkDirectory = args[++i] };
                else only.Add(args[i]);
            }
            var scenarios = Basin.Fuzz.Crash.KillCampaign.Scenarios.Where(s => only.Count == 0 || only.Contains(s.Name.Replace(' ', '-'))).ToList();
            if (scenarios.Count == 0) throw new ArgumentException($"no such command (commands: {string.Join(", ", Basin.Fuzz.Crash.KillCampaign.Scenarios.Select(s => s.Name.Replace(' ', '-')))})");
            Console.WriteLine("command\tkills\tfinished_first\toutputs_present\tcorrupt\tresumes\tidentical_tensors\tidentical_bytes\tinputs_modified\tleftover_tmp\tfinal_run_ok\tt_ref_s\tnote");
            int bad = 0;
            foreach (var s in scenarios)
            {
                var r = Basin.Fuzz.Crash.KillCampaign.Run(s, o, Console.Error.WriteLine);
                if (r.Corrupt > 0 || r.InputsModified || !r.FinalRunSucceeded) bad++;
                Console.WriteLine($"{r.Command}\t{r.Kills}\t{r.FinishedFirst}\t{r.OutputsPresent}\t{r.Corrupt}\t{r.Resumes}\t{r.IdenticalTensors}\t{r.IdenticalBytes}\t{r.InputsModified}\t{r.LeftoverTemporaries}\t{r.FinalRunSucceeded}\t{r.ReferenceSeconds:F1}\t{r.FirstCorruption ?? ""} {r.ResumeNote}");
            }
            return bad == 0 ? 0 : 1;
        }
        case "run" when args.Length == 2:
        {
            var t = FuzzCatalogue.Find(args[1]);
            // Nothing instrumented may run before Fuzzer.OutOfProcess.Run has attached AFL's shared memory.
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var ms = new MemoryStream();
                stream.CopyTo(ms);
                FuzzInvariant.Check(t, ms.ToArray());
            });
            return 0;
        }
        case "replay" when args.Length >= 3:
        {
            var t = FuzzCatalogue.Find(args[1]);
            int bad = 0;
            foreach (var arg in args[2..])
                foreach (var f in Directory.Exists(arg) ? Directory.GetFiles(arg).Order(StringComparer.Ordinal).ToArray() : new[] { arg })
                {
                    try
                    {
                        var o = FuzzInvariant.Check(t, File.ReadAllBytes(f));
                        Console.WriteLine($"{Path.GetFileName(f)}: {(o.Accepted ? "accepted" : o.Rejection)} ({o.AllocatedBytes} B allocated)");
                    }
                    catch (FuzzInvariantException e)
                    {
                        bad++;
                        Console.WriteLine($"{Path.GetFileName(f)}: VIOLATION {e.Message}");
                        if (e.InnerException != null) Console.WriteLine(e.InnerException);
                    }
                }
            return bad == 0 ? 0 : 1;
        }
        default:
            return Usage();
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
