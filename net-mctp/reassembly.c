// SPDX-License-Identifier: GPL-2.0
/*
 * Reassembly of multi-packet messages on a key: the only code that
 * touches a key's reassembly fields (reasm_head, reasm_tailp, reasm_len,
 * reasm_dead, last_seq) and the namespace's reassembly memory. Callers
 * hold key->lock.
 *
 * The first packet of a message becomes the head skb; later packets are
 * chained on its frag_list in sequence order.
 *
 * Memory: every skb held in a partial message is charged to
 * mn->reasm_mem (its truesize) and key->reasm_len records what the key
 * holds. The charge moves to the socket's receive buffer when the message
 * is queued, and returns to the budget when a partial message is dropped
 * or its key ends (mctp_reasm_detach()).
 */

#include <linux/skbuff.h>

#include "mctp-core.h"

static bool mctp_reasm_charge(struct net *net, struct mctp_sk_key *key,
			      unsigned int bytes)
{
	struct mctp_net *mn = mctp_pernet(net);
	unsigned int limit = READ_ONCE(mn->reasm_limit) ?: MCTP_REASM_NS_LIMIT;

	if (atomic_add_return(bytes, &mn->reasm_mem) > limit) {
		atomic_sub(bytes, &mn->reasm_mem);
		return false;
	}
	key->reasm_len += bytes;
	return true;
}

/* Detach @key's message, complete or not, and return its memory. */
struct sk_buff *mctp_reasm_detach(struct mctp_net *mn, struct mctp_sk_key *key)
{
	struct sk_buff *head = key->reasm_head;

	if (key->reasm_len)
		atomic_sub(key->reasm_len, &mn->reasm_mem);
	key->reasm_len = 0;
	key->reasm_head = NULL;
	key->reasm_tailp = NULL;
	return head;
}

/* Detach the (complete) message from @key. */
struct sk_buff *mctp_reasm_take(struct net *net, struct mctp_sk_key *key)
{
	return mctp_reasm_detach(mctp_pernet(net), key);
}

/* Free the partial message of @key and return its memory. */
void mctp_reasm_drop(struct net *net, struct mctp_sk_key *key)
{
	kfree_skb_reason(mctp_reasm_take(net, key),
			 SKB_DROP_REASON_NOT_SPECIFIED);
}

/* Start a message on @key with @skb. On error the caller frees *skbp. */
int mctp_reasm_start(struct net *net, struct mctp_sk_key *key,
			    struct sk_buff **skbp, u8 seq)
{
	struct sk_buff *skb;

	/* the head's shared info (frag_list) becomes ours to edit */
	skb = skb_unshare(*skbp, GFP_ATOMIC);
	*skbp = skb;
	if (!skb)
		return -ENOMEM;
	if (skb_has_frag_list(skb) && skb_linearize(skb))
		return -ENOMEM;
	if (!mctp_reasm_charge(net, key, skb->truesize))
		return -ENOBUFS;

	key->reasm_head = skb;
	key->reasm_tailp = &skb_shinfo(skb)->frag_list;
	key->last_seq = seq;
	key->reasm_dead = false;
	return 0;
}

/* Add @skb to the message on @key. On error the caller frees @skb. */
int mctp_reasm_append(struct net *net, struct mctp_sk_key *key,
			     struct sk_buff *skb, u8 seq)
{
	struct sk_buff *head = key->reasm_head;

	if (seq != ((key->last_seq + 1) & MCTP_HDR_SEQ_MASK))
		return -EPROTO;
	if (head->len + skb->len > MCTP_MSG_MAXLEN)
		return -EMSGSIZE;
	if (!mctp_reasm_charge(net, key, skb->truesize))
		return -ENOBUFS;

	skb->next = NULL;
	*key->reasm_tailp = skb;
	key->reasm_tailp = &skb->next;

	head->len += skb->len;
	head->data_len += skb->len;
	head->truesize += skb->truesize;
	key->last_seq = seq;
	return 0;
}

/* Whether a message is being reassembled on @key and may grow. */
bool mctp_reasm_active(const struct mctp_sk_key *key)
{
	return key->reasm_head && !key->reasm_dead;
}

/* A start of message: any partial message on @key is replaced. */
void mctp_reasm_reset(struct net *net, struct mctp_sk_key *key)
{
	if (key->reasm_head)
		mctp_reasm_drop(net, key);
	key->reasm_dead = false;
}

/* The partial message is broken: drop it, ignore the rest until a start. */
void mctp_reasm_abandon(struct net *net, struct mctp_sk_key *key)
{
	mctp_reasm_drop(net, key);
	key->reasm_dead = true;
}

/* The key has ended: nothing more is added to it. */
void mctp_reasm_close(struct mctp_sk_key *key)
{
	key->reasm_dead = true;
}
