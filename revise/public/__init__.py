"""What the centre promises its customers (客户服务承诺书) and tells them when a promise changes.

A clause of a standard may be marked `public`: a topic, a title and a text written for customers,
and optionally `promise`, the figure customers are promised. `promises` reads them (and finds the
internal target each figure rests on), `changes` compares them between two versions of the
policies, `legal` shows those changes to the legal review (`revise diff`, `revise report`),
`archive` finds when each promise took effect from the revision archive, `site` builds the small
public site `revise build` writes beside the handbook, `notice` writes the customer notice, and
`config` reads the `public:` section of `revise.yaml`.
"""
