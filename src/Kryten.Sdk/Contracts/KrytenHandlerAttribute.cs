using System.Diagnostics;

namespace Kryten.Sdk;

/// <summary>
/// Marks a method of a <c>partial</c> class as a handler for the event given by its first
/// parameter's type. The Kryten generator emits the dispatch table; nothing is found by reflection.
/// </summary>
/// <remarks>
/// Accepted signatures (returning <see cref="Task"/> or <see cref="ValueTask"/>):
/// <c>(TEvent)</c>, <c>(TEvent, CancellationToken)</c>, <c>(TEvent, EventContext)</c>,
/// <c>(TEvent, EventContext, CancellationToken)</c>. A first parameter of type
/// <see cref="KrytenRawEvent"/> makes a raw handler that sees every event (or only
/// <see cref="Event"/> when set), including events that have no record.
/// The attribute is <see cref="ConditionalAttribute"/>: it never reaches the compiled bot.
/// </remarks>
/// <example>
/// <code>
/// public partial class EchoBot
/// {
///     [KrytenHandler(Channel = "Lounge Test")]
///     public async Task OnChat(ChatMessage msg, EventContext ctx, CancellationToken ct)
///     {
///         if (msg.Msg == "!ping") await ctx.Commands.SayAsync("pong", cancellationToken: ct);
///     }
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
[Conditional("KRYTEN_SDK_KEEP_ATTRIBUTES")]
public sealed class KrytenHandlerAttribute : Attribute
{
    /// <summary>Only events of this channel (as configured or as the bridge's subject token); null for all.</summary>
    public string? Channel { get; set; }

    /// <summary>Only events of this CyTube domain (e.g. <c>cytu.be</c>); null for all.</summary>
    public string? Domain { get; set; }

    /// <summary>For raw handlers only: the CyTube event name to receive; null for every event.</summary>
    public string? Event { get; set; }

    /// <summary>When true, this handler sees the events of one channel one at a time, in arrival order.</summary>
    public bool Ordered { get; set; }

    /// <summary>
    /// When true, this handler does not see chat CyTube replays when the bridge joins the channel (events with
    /// <see cref="EventContext.IsBacklog"/> set); <see cref="KrytenOptions.SkipBacklog"/> does the same for every handler.
    /// </summary>
    public bool SkipBacklog { get; set; }
}
