namespace Kryten.Sdk;

/// <summary>What a service handler knows about the request it answers, besides its arguments.</summary>
/// <param name="Service">The service answering.</param>
/// <param name="Command">The command as the caller sent it (an alias stays an alias).</param>
/// <param name="Subject">The subject the request arrived on.</param>
/// <param name="ReplyTo">The caller's reply subject; null for a plain publish (the handler runs, nobody gets the reply).</param>
/// <param name="Source">The caller's name from <c>meta.source</c>, when it sent one (Kryten.Sdk clients send their service name).</param>
/// <param name="RequestId">The caller's <c>meta.request_id</c>, when it sent one.</param>
/// <example><code>KrytenServiceHandler who = (args, call, data, ct) => { data.WriteStringValue($"{call.Source ?? "someone"} asked {call.Command}"); return default; };</code></example>
public sealed record KrytenServiceCall(string Service, string Command, string Subject, string? ReplyTo, string? Source, string? RequestId);
