[StreamPulse] ${body.stream}: ${body.detail}<#if body.reason?has_content> (${body.reason})</#if> at ${body.time}<#if body.cause??>; probable cause: ${body.cause}</#if>
