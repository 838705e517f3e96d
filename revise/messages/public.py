"""Public promises (对客承诺): the check's rules, the public site, the legal view of a change, the customer notice."""

MESSAGES: dict[str, tuple[str, str]] = {
    # revise check: revise/check/rules/commitments.py
    "commitment-stricter": ("对客承诺「{promise}」严于它所依据的内部目标「{target}」（{where}）",
                            "the public promise '{promise}' is stricter than the internal target it rests on, '{target}' ({where})"),
    "commitment-stricter.hint": ("对客户的承诺不能比内部标准要求更高：放宽对客承诺，或先在本条款收紧内部目标。",
                                 "A promise to customers may not ask more than the internal standard: loosen the promise, or tighten this clause's target first."),
    "commitment-no-target": ("对客承诺「{promise}」没有依据：条款 {clause} 没有同一渠道、同一范围、单位可比的可度量目标",
                             "the public promise '{promise}' rests on nothing: clause {clause} has no measurable target of its channel, scope and a comparable unit"),
    "commitment-no-target.hint": ("给本条款加上对应的可度量目标（targets），或删去承诺的数字（promise），只保留文字承诺。",
                                  "Add the matching measurable target (targets) to this clause, or drop the figure (promise) and keep the words."),
    "commitment-ambiguous-target": ("对客承诺「{promise}」可以对应本条款的 {n} 个目标，无法判断依据哪一个",
                                    "the public promise '{promise}' fits {n} {n|target|targets} of this clause; which one it rests on is unclear"),
    "commitment-ambiguous-target.hint": ("在 promise 下写明 channel 或 scope，与它所依据的目标一致。",
                                         "Name the channel or scope under promise, as the target it rests on has them."),
    "commitment-range": ("承诺区间的起点 {low} 大于承诺值 {value}", "the range starts at {low}, above the promised value {value}"),
    "commitment-range.hint": ("from 是区间较小的一端（如 3–5 个工作日的 3），value 是承诺的上限。",
                              "from is the small end of the range (the 3 of 3–5 working days), value the promised limit."),
    "commitment-internal-words": ("对客措辞里有内部用语：{words}", "the customer-facing wording holds internal words: {words}"),
    "commitment-internal-words.hint": ("客户看不懂、也不该看到文档编号、岗位编号和占位符：改成客户读得懂的说法，如「我们」「客服人员」。",
                                       "Customers cannot read document ids, role ids or placeholders: say it in their words, such as 'we' or 'our staff'."),
}
