import{$ as e,F as t,G as n,J as r,K as i,M as a,W as o,X as s,Y as c,bt as l,ct as u,et as d,g as f,gt as p,h as m,ot as h,p as g,q as _,r as v,rt as y,s as b,st as x,tt as S,un as C,ut as w,v as T,wt as E,xt as D,yt as O}from"./index-DIvwpc-L.js";import{n as k,t as A}from"./inputtext-DKP4AXxa.js";import{t as j}from"./tag-C8zWQGCH.js";import{t as M}from"./ErrorNotice-C2ZZs0sb.js";import{t as N}from"./RelativeTime-CRa3GABW.js";import{i as P,r as ee}from"./severity-DPACUH5r.js";import{t as F}from"./time-oqNHmczA.js";import{t as I}from"./EmptyState-B_UwEABf.js";var L=t.extend({name:`textarea`,style:`
    .p-textarea {
        font-family: inherit;
        font-feature-settings: inherit;
        font-size: 1rem;
        color: dt('textarea.color');
        background: dt('textarea.background');
        padding-block: dt('textarea.padding.y');
        padding-inline: dt('textarea.padding.x');
        border: 1px solid dt('textarea.border.color');
        transition:
            background dt('textarea.transition.duration'),
            color dt('textarea.transition.duration'),
            border-color dt('textarea.transition.duration'),
            outline-color dt('textarea.transition.duration'),
            box-shadow dt('textarea.transition.duration');
        appearance: none;
        border-radius: dt('textarea.border.radius');
        outline-color: transparent;
        box-shadow: dt('textarea.shadow');
    }

    .p-textarea:enabled:hover {
        border-color: dt('textarea.hover.border.color');
    }

    .p-textarea:enabled:focus {
        border-color: dt('textarea.focus.border.color');
        box-shadow: dt('textarea.focus.ring.shadow');
        outline: dt('textarea.focus.ring.width') dt('textarea.focus.ring.style') dt('textarea.focus.ring.color');
        outline-offset: dt('textarea.focus.ring.offset');
    }

    .p-textarea.p-invalid {
        border-color: dt('textarea.invalid.border.color');
    }

    .p-textarea.p-variant-filled {
        background: dt('textarea.filled.background');
    }

    .p-textarea.p-variant-filled:enabled:hover {
        background: dt('textarea.filled.hover.background');
    }

    .p-textarea.p-variant-filled:enabled:focus {
        background: dt('textarea.filled.focus.background');
    }

    .p-textarea:disabled {
        opacity: 1;
        background: dt('textarea.disabled.background');
        color: dt('textarea.disabled.color');
    }

    .p-textarea::placeholder {
        color: dt('textarea.placeholder.color');
    }

    .p-textarea.p-invalid::placeholder {
        color: dt('textarea.invalid.placeholder.color');
    }

    .p-textarea-fluid {
        width: 100%;
    }

    .p-textarea-resizable {
        overflow: hidden;
        resize: none;
    }

    .p-textarea-sm {
        font-size: dt('textarea.sm.font.size');
        padding-block: dt('textarea.sm.padding.y');
        padding-inline: dt('textarea.sm.padding.x');
    }

    .p-textarea-lg {
        font-size: dt('textarea.lg.font.size');
        padding-block: dt('textarea.lg.padding.y');
        padding-inline: dt('textarea.lg.padding.x');
    }
`,classes:{root:function(e){var t=e.instance,n=e.props;return[`p-textarea p-component`,{"p-filled":t.$filled,"p-textarea-resizable ":n.autoResize,"p-textarea-sm p-inputfield-sm":n.size===`small`,"p-textarea-lg p-inputfield-lg":n.size===`large`,"p-invalid":t.$invalid,"p-variant-filled":t.$variant===`filled`,"p-textarea-fluid":t.$fluid}]}}}),R={name:`BaseTextarea`,extends:k,props:{autoResize:Boolean},style:L,provide:function(){return{$pcTextarea:this,$parentInstance:this}}};function z(e){"@babel/helpers - typeof";return z=typeof Symbol==`function`&&typeof Symbol.iterator==`symbol`?function(e){return typeof e}:function(e){return e&&typeof Symbol==`function`&&e.constructor===Symbol&&e!==Symbol.prototype?`symbol`:typeof e},z(e)}function B(e,t,n){return(t=V(t))in e?Object.defineProperty(e,t,{value:n,enumerable:!0,configurable:!0,writable:!0}):e[t]=n,e}function V(e){var t=H(e,`string`);return z(t)==`symbol`?t:t+``}function H(e,t){if(z(e)!=`object`||!e)return e;var n=e[Symbol.toPrimitive];if(n!==void 0){var r=n.call(e,t);if(z(r)!=`object`)return r;throw TypeError(`@@toPrimitive must return a primitive value.`)}return(t===`string`?String:Number)(e)}var U={name:`Textarea`,extends:R,inheritAttrs:!1,observer:null,mounted:function(){var e=this;this.autoResize&&(this.observer=new ResizeObserver(function(){requestAnimationFrame(function(){e.resize()})}),this.observer.observe(this.$el))},updated:function(){this.autoResize&&this.resize()},beforeUnmount:function(){this.observer&&this.observer.disconnect()},methods:{resize:function(){if(this.$el.offsetParent){var e=this.$el.style.height,t=parseInt(e)||0,n=this.$el.scrollHeight;t&&n<t?(this.$el.style.height=`auto`,this.$el.style.height=`${this.$el.scrollHeight}px`):(!t||n>t)&&(this.$el.style.height=`${n}px`)}},onInput:function(e){this.autoResize&&this.resize(),this.writeValue(e.target.value,e)}},computed:{attrs:function(){return y(this.ptmi(`root`,{context:{filled:this.$filled,disabled:this.disabled}}),this.formField)},dataP:function(){return C(B({invalid:this.$invalid,fluid:this.$fluid,filled:this.$variant===`filled`},this.size,this.size))}}},W=[`value`,`name`,`disabled`,`aria-invalid`,`data-p`];U.render=function(e,t,n,r,i,a){return x(),s(`textarea`,y({class:e.cx(`root`),value:e.d_value,name:e.name,disabled:e.disabled,"aria-invalid":e.invalid||void 0,"data-p":a.dataP,onInput:t[0]||=function(){return a.onInput&&a.onInput.apply(a,arguments)}},a.attrs),null,16,W)};var G={key:1,class:`timeline`},K={class:`body`},q={class:`head`},J={key:1,class:`muted`},Y={key:0,class:`said`},X={key:1},Z={key:2,class:`error`},Q={key:3,class:`recommendations`},te={key:4,class:`facts muted`},ne={key:5},re={class:`mono`},ie=m(S({__name:`IncidentTimeline`,props:{entries:{}},setup(t){let i={alert:`pi pi-bell`,state:`pi pi-arrow-right-arrow-left`,comment:`pi pi-comment`,assignment:`pi pi-user-edit`,run:`pi pi-sitemap`,health_check:`pi pi-heart`,analysis_stage:`pi pi-lightbulb`,analysis:`pi pi-lightbulb`,notify_stage:`pi pi-send`,delivery:`pi pi-send`};function a(e){return typeof e==`string`?e:``}function o(e){return Array.isArray(e.recommendations)?e.recommendations:[]}function f(e){return[`channel`,`attempts`,`duration_ms`,`check`,`target`,`provider`,`lane`].filter(t=>e[t]!==void 0&&e[t]!==null&&e[t]!==``).map(t=>[t.replace(`_`,` `),String(e[t])])}return(m,h)=>t.entries.length?(x(),s(`ol`,G,[(x(!0),s(n,null,u(t.entries,(t,p)=>(x(),s(`li`,{key:`${t.at}-${p}`,class:`entry`},[_(`i`,{class:D(i[t.kind]??`pi pi-circle`),"aria-hidden":`true`},null,2),_(`div`,K,[_(`div`,q,[_(`strong`,null,E(t.title),1),a(t.detail.status)?(x(),r(l(j),{key:0,value:a(t.detail.status),severity:l(P)(a(t.detail.status))},null,8,[`value`,`severity`])):c(``,!0),t.by?(x(),s(`span`,J,`by `+E(t.by),1)):c(``,!0),d(N,{value:t.at,class:`muted`},null,8,[`value`])]),a(t.detail.text)?(x(),s(`p`,Y,E(t.detail.text),1)):c(``,!0),a(t.detail.summary)?(x(),s(`p`,X,E(t.detail.summary),1)):c(``,!0),a(t.detail.error)?(x(),s(`p`,Z,E(t.detail.error),1)):c(``,!0),o(t.detail).length?(x(),s(`ul`,Q,[(x(!0),s(n,null,u(o(t.detail),(t,r)=>(x(),s(`li`,{key:r},[_(`strong`,null,E(t.title),1),e(` `+E(t.detail)+` `,1),(x(!0),s(n,null,u(t.commands??[],e=>(x(),s(`code`,{key:e,class:`mono`},E(e),1))),128))]))),128))])):c(``,!0),f(t.detail).length?(x(),s(`div`,te,[(x(!0),s(n,null,u(f(t.detail),([e,t])=>(x(),s(`span`,{key:e},E(e)+`: `+E(t),1))),128))])):c(``,!0),Object.keys(t.detail).length?(x(),s(`details`,ne,[h[1]||=_(`summary`,{class:`muted`},`details`,-1),_(`pre`,re,E(JSON.stringify(t.detail,null,2)),1)])):c(``,!0)])]))),128))])):(x(),r(I,{key:0,icon:`pi pi-history`,title:`Nothing recorded yet`},{default:p(()=>[...h[0]||=[e(` Alerts, state changes, checks, analysis, deliveries and comments appear here as they happen. `,-1)]]),_:1}))}}),[[`__scopeId`,`data-v-c8822735`]]),ae={class:`page`},oe={class:`page-title`},$={class:`muted`},se={class:`facts`},ce={key:0},le={key:0,class:`toolbar`,role:`group`,"aria-label":`Actions`},ue=m(S({__name:`IncidentPage`,setup(t){let u=f(),m=v(),y=a(),S=Number(u.params.id),C=O(null),D=O([]),k=O(null),I=O(``),L=O(``),R=O(``),z=i(()=>m.can(`responder`)),B=i(()=>C.value?.status??``);async function V(){try{let[e,t]=await Promise.all([b.get(S),b.timeline(S)]);C.value=e,D.value=t.items,R.value=e.assignee,k.value=null}catch(e){k.value=g(e)}}async function H(e,t,n){I.value=e;try{await t(),y.add({severity:`success`,summary:n,life:3e3}),await V()}catch(t){let n=g(t);y.add({severity:`error`,summary:`Could not ${e}`,detail:n,life:8e3})}finally{I.value=``}}let W=e=>H(e,()=>b.act(S,e),`Incident ${e===`close`?`closed`:`${e}d`}`);async function G(){let e=L.value.trim();e&&(await H(`comment`,()=>b.comment(S,e),`Comment added`),L.value=``)}return h(V),(t,i)=>{let a=w(`router-link`);return x(),s(`section`,ae,[d(a,{to:`/incidents`,class:`muted back`},{default:p(()=>[...i[7]||=[_(`i`,{class:`pi pi-arrow-left`,"aria-hidden":`true`},null,-1),e(` Incidents`,-1)]]),_:1}),d(M,{error:k.value},null,8,[`error`]),C.value?(x(),s(n,{key:0},[_(`h1`,oe,[d(l(j),{value:C.value.severity,severity:l(ee)(C.value.severity)},null,8,[`value`,`severity`]),_(`span`,null,[_(`span`,$,`#`+E(C.value.id),1),e(` `+E(C.value.title),1)]),d(l(j),{value:C.value.status,severity:l(P)(C.value.status)},null,8,[`value`,`severity`])]),_(`dl`,se,[_(`div`,null,[i[8]||=_(`dt`,null,`Opened`,-1),_(`dd`,null,[d(N,{value:C.value.opened_at},null,8,[`value`]),e(` · `+E(l(F)(C.value.opened_at)),1)])]),_(`div`,null,[i[9]||=_(`dt`,null,`Source`,-1),_(`dd`,null,E(C.value.source||`—`),1)]),_(`div`,null,[i[10]||=_(`dt`,null,`Environment`,-1),_(`dd`,null,E(C.value.environment||`—`),1)]),_(`div`,null,[i[11]||=_(`dt`,null,`Acknowledged`,-1),_(`dd`,null,[e(E(C.value.acknowledged_by||`—`)+` `,1),C.value.acknowledged_at?(x(),r(N,{key:0,value:C.value.acknowledged_at},null,8,[`value`])):c(``,!0)])]),_(`div`,null,[i[12]||=_(`dt`,null,`Assignee`,-1),_(`dd`,null,E(C.value.assignee||`nobody`),1)]),C.value.resolution_note?(x(),s(`div`,ce,[i[13]||=_(`dt`,null,`Resolution`,-1),_(`dd`,null,E(C.value.resolution_note),1)])):c(``,!0)]),z.value?(x(),s(`div`,le,[d(l(T),{label:`Acknowledge`,icon:`pi pi-check`,disabled:B.value!==`open`,loading:I.value===`acknowledge`,onClick:i[0]||=e=>W(`acknowledge`)},null,8,[`disabled`,`loading`]),d(l(T),{label:`Resolve`,icon:`pi pi-check-circle`,severity:`success`,disabled:B.value===`resolved`||B.value===`closed`,loading:I.value===`resolve`,onClick:i[1]||=e=>W(`resolve`)},null,8,[`disabled`,`loading`]),d(l(T),{label:`Close`,icon:`pi pi-times-circle`,severity:`secondary`,disabled:B.value===`closed`,loading:I.value===`close`,onClick:i[2]||=e=>W(`close`)},null,8,[`disabled`,`loading`]),d(l(T),{label:`Re-run the pipeline`,icon:`pi pi-refresh`,severity:`secondary`,outlined:``,loading:I.value===`re-run`,onClick:i[3]||=e=>H(`re-run`,()=>l(b).rerun(l(S)),`Pipeline queued again`)},null,8,[`loading`])])):c(``,!0),z.value?(x(),s(`form`,{key:1,class:`toolbar`,onSubmit:i[5]||=o(e=>H(`assign`,()=>l(b).assign(l(S),R.value.trim()),`Assignee saved`),[`prevent`])},[i[14]||=_(`label`,{for:`assignee`},`Assignee`,-1),d(l(A),{id:`assignee`,modelValue:R.value,"onUpdate:modelValue":i[4]||=e=>R.value=e,placeholder:`username`},null,8,[`modelValue`]),d(l(T),{type:`submit`,label:`Assign`,severity:`secondary`,outlined:``,loading:I.value===`assign`},null,8,[`loading`])],32)):c(``,!0),i[16]||=_(`h2`,null,`Timeline`,-1),d(ie,{entries:D.value},null,8,[`entries`]),z.value?(x(),s(`form`,{key:2,class:`comment`,onSubmit:o(G,[`prevent`])},[i[15]||=_(`label`,{for:`comment`},`Comment`,-1),d(l(U),{id:`comment`,modelValue:L.value,"onUpdate:modelValue":i[6]||=e=>L.value=e,rows:`3`,"auto-resize":``,placeholder:`What did you find, what did you do?`},null,8,[`modelValue`]),d(l(T),{type:`submit`,label:`Add comment`,icon:`pi pi-comment`,loading:I.value===`comment`,disabled:!L.value.trim()},null,8,[`loading`,`disabled`])],32)):c(``,!0)],64)):c(``,!0)])}}}),[[`__scopeId`,`data-v-e90be30c`]]);export{ue as default};