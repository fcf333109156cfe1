using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Reflection.Emit;
using AmoHealth.Prober;

namespace AmoHealth.Tests.Fast;

/// <summary>The Prober's code calls nothing that trimming or a native build cannot carry (a member marked
/// <see cref="RequiresUnreferencedCodeAttribute"/> or <see cref="RequiresDynamicCodeAttribute"/>: reflection-based
/// JSON, reflection-based options binding and data-annotations validation, a minimal API from a bare delegate). Read
/// from the compiled code, so it holds on a JIT build too, where the analyzers are off.</summary>
[Trait("Ring", "Fast")]
public sealed class ProberTrimSafetyTests
{
    private static readonly Dictionary<ushort, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => (ushort)o.Value);

    [Fact]
    public void NoProberCodeCallsWhatTrimmingOrANativeBuildCannotCarry()
    {
        var assembly = typeof(ProberMarker).Assembly;
        var calls = assembly.GetTypes()
            .SelectMany(t => t.GetMethods(All).Cast<MethodBase>().Concat(t.GetConstructors(All)))
            .Where(m => !Suppresses(m))
            .SelectMany(m => Callees(m).Where(NeedsReflection)
                .Select(callee =>
                $"{Outermost(m.DeclaringType!).FullName}.{m.Name} calls {callee.DeclaringType}.{callee}"))
            .Distinct()
            .ToList();

        Assert.True(calls.Count == 0, "Calls that need reflection or code made at run time:\n"
            + string.Join("\n", calls));
    }

    [Fact]
    public void TheScanSeesAReflectionBasedSerializerCall()
    {
        var callees = Callees(typeof(ProberTrimSafetyTests).GetMethod(nameof(SerializesByReflection), All)!).ToList();

        Assert.Contains(callees, NeedsReflection);
    }

    private const BindingFlags All =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static
        | BindingFlags.DeclaredOnly;

    private static string SerializesByReflection() => System.Text.Json.JsonSerializer.Serialize(new { Sample = 1 });

    /// <summary>
    /// Whether <paramref name="method"/> says why its calls are safe, as the trimming analyzers accept (generated code
    /// does: the request delegates fall back to reflection only where the native build has it switched off).
    /// </summary>
    private static bool Suppresses(MethodBase method) =>
        method.GetCustomAttributes<UnconditionalSuppressMessageAttribute>()
            .Any(a => a.CheckId.StartsWith("IL2026", StringComparison.Ordinal)
            || a.CheckId.StartsWith("IL3050", StringComparison.Ordinal));

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;

    /// <summary>Marked so, outside an expression tree the compiler builds (a LINQ query's lambda): that names its
    /// members by token, so trimming keeps them, and the analyzers accept it too.</summary>
    private static bool NeedsReflection(MethodBase callee) =>
        callee.DeclaringType != typeof(System.Linq.Expressions.Expression) && RequiresReflection(callee);

    private static bool RequiresReflection(MethodBase callee) =>
        callee.IsDefined(typeof(RequiresUnreferencedCodeAttribute), inherit: false)
        || callee.IsDefined(typeof(RequiresDynamicCodeAttribute), inherit: false)
        || (callee.IsStatic || callee.IsConstructor) && callee.DeclaringType is { } type
            && (type.IsDefined(typeof(RequiresUnreferencedCodeAttribute), inherit: false)
                || type.IsDefined(typeof(RequiresDynamicCodeAttribute), inherit: false));

    /// <summary>Every method or constructor <paramref name="method"/>'s body calls, creates a delegate to or loads a
    /// token of.</summary>
    private static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        if (method.GetMethodBody()?.GetILAsByteArray() is not { } il)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments()
            : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? (ushort)(0xFE00 | il[i + 1]) : il[i];
            i += code > 0xFF ? 2 : 1;
            var op = OpCodesByValue[code];
            if (op.OperandType is OperandType.InlineMethod
                || (op.OperandType is OperandType.InlineTok && IsMethodToken(BitConverter.ToInt32(il, i))))
            {
                yield return method.Module.ResolveMethod(BitConverter.ToInt32(il, i), typeArguments, methodArguments)!;
            }

            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }
    }

    /// <summary>A MethodDef, MemberRef (of a method) or MethodSpec token.</summary>
    private static bool IsMethodToken(int token) => (token >> 24) is 0x06 or 0x2B;
}
